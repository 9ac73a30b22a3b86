import { describe, expect, it } from 'vitest';
import { compositeAlarmType } from '../../../shared/alarm-types/composite/index.js';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { AlarmState, JsonObject } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import type { PrometheusSource } from '../../../shared/metric-sources/prometheus/query.js';
import { alarm, context, fakeCloudWatch, fakeGnocchi, fakePrometheus, points, rules } from './fakes.js';

const composite = alarmTypes.composite as AlarmTypePlugin;

/** What each kind of leaf sees (threshold gt 50): */
const SERIES: Record<string, number[]> = {
  alarm: [90], // unequivocal alarm
  ok: [10], // unequivocal ok
  none: [], // insufficient data
  trendAlarm: [10, 90], // trending, last value breaches
  trendOk: [90, 10], // trending, last value inside
};

/** A prometheus leaf whose query names its kind and its number, so calls show which leaf ran. */
const leaf = (kind: keyof typeof SERIES, n: number): JsonObject => ({ type: 'prometheus', comparison_operator: 'gt', threshold: 50, query: `${kind}:${n}` });

/** Records the queries in the order asked; `fail` makes the `down:` leaves throw. */
function source(fail?: Error): { calls: string[]; prometheus: PrometheusSource } {
  const calls: string[] = [];
  return {
    calls,
    prometheus: {
      async read(query) {
        calls.push(query.query);
        if (fail && query.query.startsWith('down')) throw fail;
        return SERIES[query.query.split(':')[0] ?? ''] ?? [];
      },
    },
  };
}

const reason = (expr: string, verb: string, state: string, names: string, desc: string) =>
  `Composite rule alarm with composition form: ${expr} ${verb} ${state}, due to rules: ${names} ${desc}`;
const OUT = 'outside their threshold.';
const IN = 'inside their threshold.';
const UNK = 'state evaluated to unknown.';

type Row = {
  name: string;
  tree: JsonObject;
  state: AlarmState;
  repeat?: boolean;
  expected: null | { state: AlarmState; reason: string; causes: string[] };
  queried: string[];
};

const A1 = leaf('alarm', 1);
const rows: Row[] = [
  { name: 'or short-circuits on a first alarm', tree: { or: [A1, { and: [leaf('ok', 2), leaf('ok', 3)] }] }, state: 'ok',
    expected: { state: 'alarm', reason: reason('(rule1 or (rule2 and rule3))', 'transition to', 'alarm', 'rule1', OUT), causes: ['rule1'] }, queried: ['alarm:1'] },
  { name: 'and of alarms, repeat', tree: { and: [A1, leaf('alarm', 2)] }, state: 'alarm', repeat: true,
    expected: { state: 'alarm', reason: reason('(rule1 and rule2)', 'remaining as', 'alarm', 'rule1, rule2', OUT), causes: ['rule1', 'rule2'] }, queried: ['alarm:1', 'alarm:2'] },
  { name: 'and of alarms, no repeat: nothing', tree: { and: [A1, leaf('alarm', 2)] }, state: 'alarm', expected: null, queried: ['alarm:1', 'alarm:2'] },
  { name: 'an ok leaf settles both expressions: the alarm leaf is never queried', tree: { and: [leaf('ok', 1), leaf('alarm', 2)] }, state: 'alarm',
    expected: { state: 'ok', reason: reason('(rule1 and rule2)', 'transition to', 'ok', 'rule1', IN), causes: ['rule1'] }, queried: ['ok:1'] },
  { name: 'insufficient leaf or alarm → alarm', tree: { or: [leaf('none', 1), leaf('alarm', 2)] }, state: 'ok',
    expected: { state: 'alarm', reason: reason('(rule1 or rule2)', 'transition to', 'alarm', 'rule2', OUT), causes: ['rule2'] }, queried: ['none:1', 'alarm:2'] },
  { name: 'insufficient leaf and alarm → insufficient data', tree: { and: [leaf('none', 1), leaf('alarm', 2)] }, state: 'ok',
    expected: { state: 'insufficient data', reason: reason('(rule1 and rule2)', 'transition to', 'insufficient data', 'rule1', UNK), causes: ['rule1'] },
    queried: ['none:1', 'alarm:2'] },
  { name: 'insufficient leaf or ok → insufficient data from alarm', tree: { or: [leaf('none', 1), leaf('ok', 2)] }, state: 'alarm',
    expected: { state: 'insufficient data', reason: reason('(rule1 or rule2)', 'transition to', 'insufficient data', 'rule1', UNK), causes: ['rule1'] },
    queried: ['none:1', 'ok:2'] },
  { name: 'already insufficient: nothing', tree: { and: [leaf('none', 1), leaf('alarm', 2)] }, state: 'insufficient data', expected: null, queried: ['none:1', 'alarm:2'] },
  { name: 'already insufficient, repeat: still nothing', tree: { and: [leaf('none', 1), leaf('alarm', 2)] }, state: 'insufficient data', repeat: true,
    expected: null, queried: ['none:1', 'alarm:2'] },
  // Pass 2, current state insufficient data: a trending leaf takes its trend.
  { name: 'trend alarm from insufficient → alarm', tree: { and: [leaf('trendAlarm', 1), leaf('alarm', 2)] }, state: 'insufficient data',
    expected: { state: 'alarm', reason: reason('(rule1 and rule2)', 'transition to', 'alarm', 'rule1, rule2', OUT), causes: ['rule1', 'rule2'] },
    queried: ['trendAlarm:1', 'alarm:2'] },
  { name: 'trend ok from insufficient → ok', tree: { or: [leaf('trendOk', 1), leaf('ok', 2)] }, state: 'insufficient data',
    expected: { state: 'ok', reason: reason('(rule1 or rule2)', 'transition to', 'ok', 'rule1, rule2', IN), causes: ['rule1', 'rule2'] },
    queried: ['trendOk:1', 'ok:2'] },
  // Pass 2, current state known: the opposite of the trend (§13.8, kept).
  { name: 'trend alarm while alarm → ok (opposite)', tree: { and: [leaf('trendAlarm', 1), leaf('alarm', 2)] }, state: 'alarm',
    expected: { state: 'ok', reason: reason('(rule1 and rule2)', 'transition to', 'ok', 'rule1', IN), causes: ['rule1'] }, queried: ['trendAlarm:1', 'alarm:2'] },
  { name: 'trend alarm while ok → ok held', tree: { and: [leaf('trendAlarm', 1), leaf('alarm', 2)] }, state: 'ok', expected: null, queried: ['trendAlarm:1', 'alarm:2'] },
  { name: 'trend alarm while ok, repeat', tree: { and: [leaf('trendAlarm', 1), leaf('alarm', 2)] }, state: 'ok', repeat: true,
    expected: { state: 'ok', reason: reason('(rule1 and rule2)', 'remaining as', 'ok', 'rule1', IN), causes: ['rule1'] }, queried: ['trendAlarm:1', 'alarm:2'] },
  { name: 'trend ok while ok → alarm (opposite)', tree: { or: [leaf('trendOk', 1), leaf('ok', 2)] }, state: 'ok',
    expected: { state: 'alarm', reason: reason('(rule1 or rule2)', 'transition to', 'alarm', 'rule1', OUT), causes: ['rule1'] }, queried: ['trendOk:1', 'ok:2'] },
  { name: 'trend ok while alarm, repeat', tree: { or: [leaf('trendOk', 1), leaf('ok', 2)] }, state: 'alarm', repeat: true,
    expected: { state: 'alarm', reason: reason('(rule1 or rule2)', 'remaining as', 'alarm', 'rule1', OUT), causes: ['rule1'] }, queried: ['trendOk:1', 'ok:2'] },
  // Pass 1: the ALARM-expression stops at rule1 (no state yet), the OK-expression at rule2; rule3 waits for pass 2.
  { name: 'pass 2 queries the leaves pass 1 skipped', tree: { and: [leaf('trendAlarm', 1), { or: [leaf('none', 2), leaf('alarm', 3)] }] }, state: 'insufficient data',
    expected: { state: 'alarm', reason: reason('(rule1 and (rule2 or rule3))', 'transition to', 'alarm', 'rule1, rule3', OUT), causes: ['rule1', 'rule3'] },
    queried: ['trendAlarm:1', 'none:2', 'alarm:3'] },
  { name: 'a single leaf renders as its name', tree: A1, state: 'ok',
    expected: { state: 'alarm', reason: reason('rule1', 'transition to', 'alarm', 'rule1', OUT), causes: ['rule1'] }, queried: ['alarm:1'] },
  { name: 'nested, depth-first numbering, lazy', tree: { and: [{ or: [leaf('ok', 1), leaf('alarm', 2)] }, { or: [{ and: [leaf('alarm', 3), leaf('alarm', 4)] }, leaf('ok', 5)] }] },
    state: 'ok', expected: { state: 'alarm', reason: reason('((rule1 or rule2) and ((rule3 and rule4) or rule5))', 'transition to', 'alarm', 'rule2, rule3, rule4', OUT),
      causes: ['rule2', 'rule3', 'rule4'] }, queried: ['ok:1', 'alarm:2', 'alarm:3', 'alarm:4'] },
  // §13.9: empty groups are all([]) = true and any([]) = false instead of an error every cycle.
  { name: 'empty and → alarm, nothing queried', tree: { and: [] }, state: 'ok',
    expected: { state: 'alarm', reason: reason('()', 'transition to', 'alarm', '', OUT), causes: [] }, queried: [] },
  { name: 'empty or → ok', tree: { or: [] }, state: 'insufficient data',
    expected: { state: 'ok', reason: reason('()', 'transition to', 'ok', '', IN), causes: [] }, queried: [] },
  { name: 'empty or inside and is false', tree: { and: [A1, { or: [] }] }, state: 'alarm',
    expected: { state: 'ok', reason: reason('(rule1 and ())', 'transition to', 'ok', '', IN), causes: [] }, queried: ['alarm:1'] },
  { name: 'empty and inside and is neutral', tree: { and: [A1, { and: [] }] }, state: 'ok',
    expected: { state: 'alarm', reason: reason('(rule1 and ())', 'transition to', 'alarm', 'rule1', OUT), causes: ['rule1'] }, queried: ['alarm:1'] },
];

describe('composite evaluation (§3.5)', () => {
  it.each(rows)('$name', async ({ tree, state, repeat, expected, queried }) => {
    const src = source();
    const decision = await evaluateAlarm(alarm('composite', tree, state, repeat ?? false), composite, context({ prometheus: src.prometheus }));
    expect(src.calls).toEqual(queried); // lazy, and at most once per leaf
    if (expected === null) return expect(decision).toBeUndefined();
    const leaves = expected.causes.map((name) => [name, leafNamed(tree, name)] as const);
    expect(decision).toStrictEqual({
      state: expected.state,
      reason: expected.reason,
      reasonData: { type: 'composite', composition_form: formOf(expected.reason), causative_rules: Object.fromEntries(leaves) },
    });
  });

  it('sorts causative names as strings and keeps the leaf order in reason_data', async () => {
    const tree = { and: Array.from({ length: 11 }, (_, i) => leaf('alarm', i + 1)) };
    const decision = await evaluateAlarm(alarm('composite', tree, 'ok'), composite, context({ prometheus: source().prometheus }));
    expect(decision?.reason).toBe(reason(`(${Array.from({ length: 11 }, (_, i) => `rule${i + 1}`).join(' and ')})`, 'transition to', 'alarm',
      'rule1, rule10, rule11, rule2, rule3, rule4, rule5, rule6, rule7, rule8, rule9', OUT));
    expect(Object.keys((decision?.reasonData.causative_rules ?? {}) as JsonObject)).toEqual(Array.from({ length: 11 }, (_, i) => `rule${i + 1}`));
  });

  it('mixes leaf types, each through its own source; causative rules are the stored leaves (less scope_to_project)', async () => {
    const gnocchiLeaf = { ...rules.gnocchiResources, type: 'gnocchi_resources_threshold' };
    const cloudLeaf = { ...rules.cloudwatch, type: 'cloudwatch_threshold' };
    const promLeaf = { ...rules.prometheus, type: 'prometheus' };
    const ctx = context({
      gnocchi: fakeGnocchi(() => points(60, [81, 82, 83])),
      cloudwatch: fakeCloudWatch(() => [95, 99]),
      prometheus: fakePrometheus({ cpu: [99] }),
    });
    const decision = await evaluateAlarm(alarm('composite', { and: [gnocchiLeaf, { or: [cloudLeaf, promLeaf] }] }, 'ok'), composite, ctx);
    const { scope_to_project: _scope, ...promStored } = promLeaf;
    expect(decision).toStrictEqual({
      state: 'alarm',
      reason: reason('(rule1 and (rule2 or rule3))', 'transition to', 'alarm', 'rule1, rule2', OUT),
      reasonData: { type: 'composite', composition_form: '(rule1 and (rule2 or rule3))', causative_rules: { rule1: gnocchiLeaf, rule2: cloudLeaf } },
    });
    const insufficient = await evaluateAlarm(alarm('composite', { and: [promLeaf, { ...gnocchiLeaf, granularity: 300 }] }, 'ok'), composite, ctx);
    expect(insufficient?.reasonData).toStrictEqual({ type: 'composite', composition_form: '(rule1 and rule2)', causative_rules: { rule2: { ...gnocchiLeaf, granularity: 300 } } });
    const viaProm = await evaluateAlarm(alarm('composite', { and: [promLeaf] }, 'ok'), composite, ctx);
    expect(viaProm?.reasonData.causative_rules).toStrictEqual({ rule1: promStored });
  });

  it('an unavailable source aborts the evaluation, in pass 1 or pass 2', async () => {
    const unavailable = new MetricSourceUnavailableError('prometheus answered 503');
    const downLeaf = { ...leaf('none', 9), query: 'down:9' };
    await expect(evaluateAlarm(alarm('composite', { and: [downLeaf, A1] }, 'ok'), composite, context({ prometheus: source(unavailable).prometheus }))).rejects.toBe(unavailable);
    // Pass 1 settles nothing (trend, then insufficient); the failing leaf is only reached in pass 2.
    const tree = { and: [leaf('trendAlarm', 1), { or: [leaf('none', 2), downLeaf] }] };
    const src = source(unavailable);
    await expect(evaluateAlarm(alarm('composite', tree, 'ok'), composite, context({ prometheus: src.prometheus }))).rejects.toBe(unavailable);
    expect(src.calls).toEqual(['trendAlarm:1', 'none:2', 'down:9']);
    await expect(evaluateAlarm(alarm('composite', { and: [A1] }, 'ok'), composite, context({}))).rejects.toThrow('prometheus is not configured');
  });

  it('uses the registry it was built with: unknown leaf types are false in both expressions; thrown InsufficientDataError is unknown', async () => {
    const flaky: AlarmTypePlugin = { ...(alarmTypes.prometheus as AlarmTypePlugin), evaluateThreshold: async () => { throw new InsufficientDataError('gone'); } };
    const custom = compositeAlarmType({ prometheus: alarmTypes.prometheus as AlarmTypePlugin, flaky, event: alarmTypes.event as AlarmTypePlugin });
    const tree = { and: [{ type: 'threshold', meter_name: 'cpu' }, { type: 'event', event_type: '*' }, { type: 'flaky' }, A1] };
    const decision = await evaluateAlarm(alarm('composite', tree, 'ok'), custom, context({ prometheus: source().prometheus }));
    expect(decision).toStrictEqual({
      state: 'insufficient data',
      reason: reason('(rule1 and rule2 and rule3 and rule4)', 'transition to', 'insufficient data', 'rule3', UNK),
      reasonData: { type: 'composite', composition_form: '(rule1 and rule2 and rule3 and rule4)', causative_rules: { rule3: { type: 'flaky' } } },
    });
  });
});

function formOf(text: string): string {
  return /composition form: (.*) (?:transition to|remaining as) /.exec(text)?.[1] ?? '';
}

/** The n-th leaf of a tree, depth-first, as the evaluator numbers them. */
function leafNamed(tree: JsonObject, name: string): JsonObject {
  const leaves: JsonObject[] = [];
  const walk = (node: JsonObject): void => {
    const children = node.and ?? node.or;
    if (Object.keys(node).length === 1 && Array.isArray(children)) children.forEach((child) => walk(child as JsonObject));
    else leaves.push(node);
  };
  walk(tree);
  return leaves[Number(name.slice(4)) - 1] as JsonObject;
}
