import { type App, Stack, Validations } from 'aws-cdk-lib';
import type { CfnPolicy, Role } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
// The exact string cdk-nag turns a resource into for its IAM5 finding ids; reused so ours match.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

/**
 * cdk-nag's AWS Solutions pack as a CDK policy-validation plugin (cdk-nag v3): every synth,
 * `cdk synth` and the tests alike, fails on any finding that is neither fixed nor acknowledged
 * with a reason next to the resource it concerns (Validations.of(resource).acknowledge).
 * Plugins can only be registered on an App or Stage, so this covers both stacks.
 */
export function applyNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

const INDEX_WILDCARD = /\/index\/\*$/;

interface PolicyDocument {
  Statement?: { Effect?: string; Resource?: unknown }[];
}

/**
 * Acknowledges IAM5 for `<table ARN>/index/*` resources in `role`'s default policy, and nothing
 * else. CDK's table read grants (grantReadData/grantReadWriteData) add that ARN so Query can
 * use the table's own GSIs; an index is part of its table, holds no other data, and the
 * wildcard cannot reach any other table. The ids embed the imported table ARN's export
 * name, which only exists once cross-stack references are resolved (after aspects), so the
 * acknowledgment is computed in a construct validation: those run after references are
 * resolved and before validation plugins (cdk-nag) run.
 */
export function acknowledgeTableIndexWildcards(role: Role): void {
  role.node.addValidation({
    validate: () => {
      const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnPolicy | undefined;
      if (!policy) return [];
      const document = Stack.of(policy).resolve(policy.policyDocument) as PolicyDocument;
      const resources = (document.Statement ?? [])
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]))
        .map((resource) => flattenCfnReference(resource))
        .filter((resource) => INDEX_WILDCARD.test(resource));
      for (const resource of new Set(resources)) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${resource}]`,
          reason:
            "CDK's table read grant adds '<table>/index/*' so Query can use that table's own GSIs; " +
            "an index holds only its table's items, so the wildcard reaches no other table",
        });
      }
      return [];
    },
  });
}

/**
 * Acknowledges every IAM5 wildcard (actions and resources) of a policy CDK itself writes for one of its own
 * handlers (BucketDeployment's), with one reason. Computed at validation time for the reason given above
 * acknowledgeTableIndexWildcards: the ids embed resolved references (the asset bucket's name has the account).
 */
export function acknowledgeHandlerWildcards(policy: CfnPolicy, reason: string): void {
  policy.node.addValidation({
    validate: () => {
      const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: { Action?: unknown; Resource?: unknown }[] };
      const ids = new Set<string>();
      for (const statement of document.Statement ?? []) {
        for (const action of [statement.Action].flat()) if (typeof action === 'string' && action.includes('*')) ids.add(`Action::${action}`);
        for (const resource of [statement.Resource].flat().map((r) => flattenCfnReference(r))) if (resource.includes('*')) ids.add(`Resource::${resource}`);
      }
      for (const id of ids) Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${id}]`, reason });
      return [];
    },
  });
}
