import type { Alarm, AlarmState, JsonObject, JsonValue } from '../../domain/alarm.js';
import { InsufficientDataError } from '../../errors.js';
import type { EvaluationContext } from '../../evaluation/context.js';
import type { Decision } from '../../evaluation/decision.js';
import type { AlarmTypeRegistry } from '../plugin.js';

const UNKNOWN: AlarmState = 'insufficient data';

/** `STATE_CHANGE` of aodh/evaluator/composite.py. */
const DESCRIPTIONS: Record<AlarmState, string> = {
  alarm: 'outside their threshold.',
  ok: 'inside their threshold.',
  'insufficient data': 'state evaluated to unknown.',
};

/** Aodh's RuleTarget: evaluated at most once per cycle, and only when an expression asks. */
interface Leaf {
  name: string;
  rule: JsonObject;
  evaluated: boolean;
  state?: AlarmState;
  trending?: 'ok' | 'alarm';
}

type Node = { op: 'and' | 'or'; children: Node[] } | { leaf: Leaf };

/** Leaves get `rule1`, `rule2`, … depth-first, as `_parse_composite_rule` numbers them. */
function parseTree(node: JsonValue | undefined, leaves: Leaf[]): Node {
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const keys = Object.keys(node);
    const key = keys[0];
    if (keys.length === 1 && (key === 'and' || key === 'or')) {
      const children = node[key];
      if (!Array.isArray(children)) throw new TypeError(`stored composite rule: "${key}" is not a list`);
      return { op: key, children: children.map((child) => parseTree(child, leaves)) };
    }
    const leaf: Leaf = { name: `rule${leaves.length + 1}`, rule: node, evaluated: false };
    leaves.push(leaf);
    return { leaf };
  }
  throw new TypeError('stored composite rule: a node is not an object');
}

/** `str()` of the ALARM-expression: `(rule1 or (rule2 and rule3))`; an empty group is `()`. */
function render(node: Node): string {
  if ('leaf' in node) return node.leaf.name;
  return `(${node.children.map(render).join(` ${node.op} `)})`;
}

/**
 * §3.5 composite evaluation. Leaves run their own type's `evaluateThreshold`; a
 * MetricSourceUnavailableError (or any other error) from a leaf aborts the whole evaluation,
 * leaving the state as it is until the next cycle, as an exception does in Aodh.
 */
export async function evaluateComposite(
  alarm: Pick<Alarm, 'state' | 'repeat_actions' | 'rule'>,
  leafTypes: AlarmTypeRegistry,
  context: EvaluationContext,
): Promise<Decision | undefined> {
  const leaves: Leaf[] = [];
  const tree = parseTree(alarm.rule, leaves);

  async function evaluateLeaf(leaf: Leaf): Promise<void> {
    if (leaf.evaluated) return;
    const type = leaf.rule.type;
    const plugin = typeof type === 'string' && Object.hasOwn(leafTypes, type) ? leafTypes[type] : undefined;
    // A type without a threshold evaluator (only possible if the registry changed since the
    // alarm was stored) keeps no state: false in both expressions, as §3.5 says Aodh does.
    if (plugin?.evaluateThreshold) {
      try {
        const outcome = await plugin.evaluateThreshold(leaf.rule, context);
        if (outcome.kind === 'insufficient') leaf.state = UNKNOWN;
        else if (outcome.kind === 'unequivocal') leaf.state = outcome.state;
        else leaf.trending = outcome.state;
      } catch (error) {
        if (!(error instanceof InsufficientDataError)) throw error;
        leaf.state = UNKNOWN;
      }
    }
    leaf.evaluated = true;
  }

  /**
   * The ALARM-expression (`target` alarm) or its De Morgan twin, the OK-expression (`target`
   * ok: and ↔ or, leaf is `ok`), evaluated lazily left to right with Python's short-circuit.
   * Empty groups: Aodh's `zip(*[])` raises while building the expression, every cycle (§13.9).
   * We give them the values Aodh's own AndOp/OrOp would have (`all([])` true, `any([])`
   * false), the identities of logic: an empty group is neutral inside a group of its kind,
   * and the alarm settles (an empty `and` alarms, an empty `or` is ok) instead of erroring.
   */
  async function holds(node: Node, target: 'alarm' | 'ok'): Promise<boolean> {
    if ('leaf' in node) {
      await evaluateLeaf(node.leaf);
      return node.leaf.state === target;
    }
    const every = (node.op === 'and') === (target === 'alarm');
    for (const child of node.children) {
      if ((await holds(child, target)) !== every) return !every;
    }
    return every;
  }

  const expression = render(tree);
  const decide = (state: AlarmState): Decision | undefined => {
    if (state === alarm.state && !alarm.repeat_actions) return undefined; // `_refresh` would do nothing
    return compositeDecision(alarm.state, state, expression, leaves);
  };

  // Pass 1: only what the expressions need.
  if (await holds(tree, 'alarm')) return decide('alarm');
  if (await holds(tree, 'ok')) return decide('ok');

  // Pass 2: every leaf, queried together (their order does not change any result); the
  // first failure in leaf order is the one reported.
  const settled = await Promise.allSettled(leaves.map(evaluateLeaf));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  for (const leaf of leaves) {
    if (leaf.trending === undefined) continue;
    // §13.8, kept for compatibility: from a known state a trend counts as its opposite.
    if (alarm.state === UNKNOWN) leaf.state = leaf.trending;
    else leaf.state = leaf.trending === 'alarm' ? 'ok' : 'alarm';
  }
  if (await holds(tree, 'alarm')) return decide('alarm');
  if (await holds(tree, 'ok')) return decide('ok');

  // Neither: insufficient data, refreshed only on the way in, so never a repeat notification.
  return alarm.state === UNKNOWN ? undefined : compositeDecision(alarm.state, UNKNOWN, expression, leaves);
}

/** Aodh's `CompositeEvaluator._reason`. */
function compositeDecision(current: AlarmState, state: AlarmState, expression: string, leaves: readonly Leaf[]): Decision {
  const causative: JsonObject = {};
  for (const leaf of leaves) if (leaf.state === state) causative[leaf.name] = causativeRule(leaf.rule);
  const names = Object.keys(causative).sort().join(', ');
  const verb = current === state ? 'remaining as' : 'transition to';
  return {
    state,
    reason: `Composite rule alarm with composition form: ${expression} ${verb} ${state}, due to rules: ${names} ${DESCRIPTIONS[state]}`,
    reasonData: { type: 'composite', composition_form: expression, causative_rules: causative },
  };
}

/**
 * The leaf as stored, less `scope_to_project`: our API scopes prometheus leaves (a fix of
 * §13.7) where Aodh stores none, so Aodh's causative rules never carry that key.
 */
function causativeRule(rule: JsonObject): JsonObject {
  if (!Object.hasOwn(rule, 'scope_to_project')) return rule;
  const { scope_to_project: _scope, ...rest } = rule;
  return rest;
}
