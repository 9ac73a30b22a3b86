import type { JsonObject, JsonValue } from '../../domain/alarm.js';
import { InvalidInputError } from '../../errors.js';
import { UnknownAttributeError } from '../../validation/errors.js';
import { isJsonObject } from '../../validation/fields.js';
import { pyTruthy } from '../../python/builtins.js';
import { pyRepr, pyStr } from '../../python/repr.js';
import type { AlarmTypeRegistry, RuleValidationContext } from '../plugin.js';

/** Deeper trees are refused: Aodh would die in RecursionError (a 500); nobody writes such rules. */
const MAX_DEPTH = 50;

function invalidComposite(node: unknown): InvalidInputError {
  return new InvalidInputError(
    `Invalid input composite rule: ${pyStr(node)}, it should be a dict with an "and" or "or" as key, ` +
      'and the value of dict should be a list of basic threshold rules or sub composite rules, can be nested.',
    'composite_rule',
  );
}

/** The composable types allowed as leaves; names print sorted, as Aodh sorts them. */
export function leafTypeNames(leafTypes: AlarmTypeRegistry): string[] {
  return Object.keys(leafTypes).filter((name) => leafTypes[name]?.composable).sort();
}

function parseLeaf(node: JsonObject, leafTypes: AlarmTypeRegistry): JsonObject {
  const { type, ...rest } = node;
  if (!pyTruthy(type)) throw new InvalidInputError('type must be set in every rule', 'type');
  const plugin = typeof type === 'string' && Object.hasOwn(leafTypes, type) ? leafTypes[type] : undefined;
  if (!plugin?.composable) {
    throw new InvalidInputError(
      `Unsupported sub-rule type :${pyStr(type)} in composite rule, should be one of: ${pyRepr(leafTypeNames(leafTypes))}`,
      'type',
    );
  }
  try {
    return { ...plugin.parseRule(rest), type: type as string };
  } catch (error) {
    // WSME parses leaves inside the composite attribute's validator, out of reach of its
    // nested-name bookkeeping, so their unknown attributes are reported for plain `data`.
    throw error instanceof UnknownAttributeError ? error.atArgument('data') : error;
  }
}

function parseNode(node: unknown, leafTypes: AlarmTypeRegistry, depth: number): JsonObject {
  if (depth > MAX_DEPTH) throw invalidComposite('...');
  if (isJsonObject(node) && Object.keys(node).length === 1) {
    const [key] = Object.keys(node) as [string];
    if (key !== 'and' && key !== 'or') throw new InvalidInputError('Threshold rules should be combined with "and" or "or"', 'composite_rule');
    const children = node[key];
    if (!Array.isArray(children)) throw invalidComposite(node);
    return { [key]: children.map((child) => parseNode(child, leafTypes, depth + 1)) };
  }
  if (isJsonObject(node)) return parseLeaf(node, leafTypes);
  throw invalidComposite(node);
}

/**
 * §2.6: an and/or tree whose leaves are composable threshold rules, each normalised by its
 * own type (defaults filled in) and tagged with `type`. A single leaf is a valid tree, and
 * empty and/or arrays pass, as in Aodh (the evaluator has to cope with them, §13.9).
 */
export function parseCompositeRule(input: unknown, leafTypes: AlarmTypeRegistry): JsonObject {
  return parseNode(input, leafTypes, 0);
}

async function validateNode(node: JsonValue, leafTypes: AlarmTypeRegistry, context: RuleValidationContext): Promise<JsonValue> {
  if (!isJsonObject(node)) return node;
  const combined = node.and ?? node.or;
  if (Object.keys(node).length === 1 && Array.isArray(combined)) {
    const key = Object.hasOwn(node, 'and') ? 'and' : 'or';
    const children: JsonValue[] = [];
    // One leaf at a time: the first failing leaf is the one reported, every time.
    for (const child of combined) children.push(await validateNode(child, leafTypes, context));
    return { [key]: children };
  }
  const { type, ...rest } = node;
  const plugin = typeof type === 'string' && Object.hasOwn(leafTypes, type) ? leafTypes[type] : undefined;
  if (!plugin?.validateRule) return node;
  return { ...(await plugin.validateRule(rest, context)), type: type as string };
}

/**
 * Deliberate fix of §13.7: every leaf runs its type's own validateRule, so gnocchi leaves get
 * the aggregation-method check and query scoping, and prometheus leaves get `scope_to_project`.
 */
export async function validateCompositeRule(
  rule: JsonObject,
  leafTypes: AlarmTypeRegistry,
  context: RuleValidationContext,
): Promise<JsonObject> {
  return (await validateNode(rule, leafTypes, context)) as JsonObject;
}
