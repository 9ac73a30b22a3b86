import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

export type Json = Record<string, unknown>;
export interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }
export interface Statement { Effect: string; Action: string | string[]; Resource: unknown }

export function resources(template: Template, type: string): Resource[] {
  return Object.values(template.findResources(type)) as Resource[];
}

/** The one resource of `type` whose logical id starts with `prefix` (construct path without slashes). */
export function resourceNamed(template: Template, type: string, prefix: string): Resource {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.length}`);
  return found[0]?.[1] as Resource;
}

export function logicalId(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/**
 * Follows cross-stack references back to the producing stack: `{ Fn::ImportValue }` (or a Join
 * of one plus a suffix) becomes 'LogicalId', 'LogicalId.Arn' or 'LogicalId.Arn/index/*'.
 */
export function crossStackResolver(producer: Template): (value: unknown) => string {
  const outputs = Object.values(producer.findOutputs('*')) as { Value: Json; Export?: { Name: string } }[];
  // Plain outputs (the event bus's, for producers) carry no export: nothing can import them.
  const exports = outputs.flatMap(({ Value, Export }) => (Export ? [{ Value, Export }] : []));
  const exported = new Map(
    exports.map(({ Value, Export }) => {
      const getAtt = Value['Fn::GetAtt'] as string[] | undefined;
      return [Export.Name, getAtt ? getAtt.join('.') : String(Value.Ref)];
    }),
  );
  const follow = (value: unknown): string => {
    const json = value as Json;
    if (typeof json['Fn::ImportValue'] === 'string') return exported.get(json['Fn::ImportValue']) ?? 'unknown export';
    const join = json['Fn::Join'] as [string, unknown[]] | undefined;
    if (join?.[1].length === 2 && typeof join[1][1] === 'string') return `${follow(join[1][0])}${join[1][1]}`;
    return JSON.stringify(value);
  };
  return follow;
}

/** A function's environment with every cross-stack reference followed, as env.ts would receive names. */
export function environmentOf(fn: Resource, follow: (value: unknown) => string): Record<string, string> {
  const variables = (fn.Properties.Environment as { Variables: Json }).Variables;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : follow(value)]),
  );
}

/** Every statement of the policies attached to the role whose logical id starts with `rolePrefix`. */
export function statementsOf(template: Template, rolePrefix: string): Statement[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
