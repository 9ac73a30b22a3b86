import { describe, expect, it } from 'vitest';
import type { AlarmState, JsonObject } from '../../../shared/domain/alarm.js';
import type { ThresholdOutcome } from '../../../shared/evaluation/context.js';
import { pyFloat } from '../../../shared/python/repr.js';
import type { ComparisonOperator } from '../../../shared/evaluation/comparison.js';
import { classifyPeriods, classifyThreshold, decideThreshold } from '../../../shared/evaluation/threshold.js';

const OK: AlarmState = 'ok';
const ALARM: AlarmState = 'alarm';
const UNKNOWN: AlarmState = 'insufficient data';

describe('classifyThreshold (§3.3.5)', () => {
  const rows: Array<{ op: ComparisonOperator; threshold: number; values: number[]; kind: string; state: string; outside: number }> = [
    { op: 'gt', threshold: 80, values: [81, 82, 83], kind: 'unequivocal', state: 'alarm', outside: 3 },
    { op: 'gt', threshold: 80, values: [70, 71], kind: 'unequivocal', state: 'ok', outside: 0 },
    { op: 'gt', threshold: 80, values: [81, 70], kind: 'trending', state: 'ok', outside: 1 },
    { op: 'gt', threshold: 80, values: [70, 81], kind: 'trending', state: 'alarm', outside: 1 },
    { op: 'gt', threshold: 80, values: [80], kind: 'unequivocal', state: 'ok', outside: 0 },
    { op: 'ge', threshold: 80, values: [80], kind: 'unequivocal', state: 'alarm', outside: 1 },
    { op: 'lt', threshold: 10, values: [9.99, 10], kind: 'trending', state: 'ok', outside: 1 },
    { op: 'le', threshold: 10, values: [9.99, 10], kind: 'unequivocal', state: 'alarm', outside: 2 },
    { op: 'eq', threshold: 1, values: [1, 1.0], kind: 'unequivocal', state: 'alarm', outside: 2 },
    { op: 'eq', threshold: 0.3, values: [0.1 + 0.2], kind: 'unequivocal', state: 'ok', outside: 0 },
    { op: 'ne', threshold: 1, values: [1, 2], kind: 'trending', state: 'alarm', outside: 1 },
    { op: 'ne', threshold: 1, values: [2, 1], kind: 'trending', state: 'ok', outside: 1 },
    // Python compares NaN as IEEE does: every ordering is False, `!=` is True.
    { op: 'gt', threshold: 80, values: [Number.NaN], kind: 'unequivocal', state: 'ok', outside: 0 },
    { op: 'le', threshold: 80, values: [Number.NaN], kind: 'unequivocal', state: 'ok', outside: 0 },
    { op: 'ne', threshold: 80, values: [Number.NaN], kind: 'unequivocal', state: 'alarm', outside: 1 },
    { op: 'gt', threshold: 1e308, values: [Number.POSITIVE_INFINITY], kind: 'unequivocal', state: 'alarm', outside: 1 },
    { op: 'lt', threshold: 0, values: [-1, -2, 3, -4], kind: 'trending', state: 'alarm', outside: 3 },
  ];
  it.each(rows)('$values $op $threshold → $kind $state ($outside outside)', ({ op, threshold, values, kind, state, outside }) => {
    expect(classifyThreshold(values, { comparison_operator: op, threshold })).toEqual({ kind, state, values, outsideCount: outside });
  });

  it('keeps the last evaluation_periods values and needs that many (§3.3.3 sufficiency)', () => {
    const rule = { comparison_operator: 'gt' as const, threshold: 5, evaluation_periods: 2 };
    expect(classifyPeriods([1, 9, 9], rule)).toEqual({ kind: 'unequivocal', state: 'alarm', values: [9, 9], outsideCount: 2 });
    expect(classifyPeriods([7], rule)).toEqual({ kind: 'insufficient', reason: '2 datapoints are unknown', count: 2, mostRecent: 7, seen: [7] });
    expect(classifyPeriods([], rule)).toEqual({ kind: 'insufficient', reason: '2 datapoints are unknown', count: 2, mostRecent: null });
  });
});

/** The reasons print the last value with Python's float repr; these are the shapes they meet. */
describe('Python float repr in reasons (most recent: …)', () => {
  const rows: Array<[number, string]> = [
    [85, '85.0'], [85.5, '85.5'], [0, '0.0'], [-0, '-0.0'], [-3, '-3.0'], [0.1 + 0.2, '0.30000000000000004'],
    [1e16, '1e+16'], [1.5e16, '1.5e+16'], [9999999999999998, '9999999999999998.0'], [123456789012345680000, '1.2345678901234568e+20'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1.25e-7, '1.25e-07'], [-2.5e-10, '-2.5e-10'], [1e100, '1e+100'],
    [Number.NaN, 'nan'], [Number.POSITIVE_INFINITY, 'inf'], [Number.NEGATIVE_INFINITY, '-inf'], [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'], [100, '100.0'], [12345.678, '12345.678'],
  ];
  it.each(rows)('%s → %s', (value, repr) => {
    expect(pyFloat(value)).toBe(repr);
    const decision = decideThreshold({ kind: 'unequivocal', state: 'alarm', values: [value], outsideCount: 1 }, { state: 'ok', repeat_actions: false });
    expect(decision?.reason).toBe(`Transition to alarm due to 1 samples outside threshold, most recent: ${repr}`);
  });
});

const insufficient = (reason: string, count: number, mostRecent: number | null): ThresholdOutcome => ({ kind: 'insufficient', reason, count, mostRecent });
const outcome = (kind: 'unequivocal' | 'trending', state: 'ok' | 'alarm', values: number[], outsideCount: number): ThresholdOutcome => ({
  kind, state, values, outsideCount,
});
const data = (disposition: string, count: number, mostRecent: number | null): JsonObject => ({ type: 'threshold', disposition, count, most_recent: mostRecent });

type Row = { name: string; outcome: ThresholdOutcome; current: AlarmState; repeat: boolean; expected: null | { state: AlarmState; reason: string; data: JsonObject } };

/** §3.3.6, one row per line of the table (and both values of `any`), with §3.3.7's texts. */
const table: Row[] = [
  // insufficient data, S ≠ insufficient data, R any → refresh with the source's reason and unknown reason_data
  { name: 'insufficient from ok', outcome: insufficient('3 datapoints are unknown', 3, 85), current: OK, repeat: false,
    expected: { state: UNKNOWN, reason: '3 datapoints are unknown', data: data('unknown', 3, 85) } },
  { name: 'insufficient from alarm, repeat', outcome: insufficient('No datapoint for granularity 60', 3, null), current: ALARM, repeat: true,
    expected: { state: UNKNOWN, reason: 'No datapoint for granularity 60', data: data('unknown', 3, null) } },
  { name: 'prometheus insufficient from ok (count 0)', outcome: insufficient('datapoints are unknown', 0, null), current: OK, repeat: false,
    expected: { state: UNKNOWN, reason: 'datapoints are unknown', data: data('unknown', 0, null) } },
  { name: 'source reason from alarm', outcome: insufficient('metric cpu for resource r does not exists', 1, null), current: ALARM, repeat: false,
    expected: { state: UNKNOWN, reason: 'metric cpu for resource r does not exists', data: data('unknown', 1, null) } },
  // insufficient data, S = insufficient data, R false → nothing
  { name: 'insufficient, already insufficient', outcome: insufficient('3 datapoints are unknown', 3, 85), current: UNKNOWN, repeat: false, expected: null },
  // insufficient data, S = insufficient data, R true → the §13.17 quirk
  { name: 'insufficient, already insufficient, repeat (quirk)', outcome: insufficient('3 datapoints are unknown', 3, 85), current: UNKNOWN, repeat: true,
    expected: { state: UNKNOWN, reason: 'Remaining as insufficient data due to 0 samples outside threshold, most recent: 85.0', data: data('outside', 0, 85) } },
  { name: 'quirk without any statistic', outcome: insufficient('No datapoint for granularity 60', 3, null), current: UNKNOWN, repeat: true,
    expected: { state: UNKNOWN, reason: 'Remaining as insufficient data due to 0 samples outside threshold, most recent: None', data: data('outside', 0, null) } },
  // unequivocal X, S ≠ X → transition
  { name: 'alarm from ok', outcome: outcome('unequivocal', 'alarm', [81, 82, 85], 3), current: OK, repeat: false,
    expected: { state: ALARM, reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 85.0', data: data('outside', 3, 85) } },
  { name: 'alarm from insufficient, repeat', outcome: outcome('unequivocal', 'alarm', [81, 82, 85], 3), current: UNKNOWN, repeat: true,
    expected: { state: ALARM, reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 85.0', data: data('outside', 3, 85) } },
  { name: 'ok from alarm', outcome: outcome('unequivocal', 'ok', [10, 20, 30.5], 0), current: ALARM, repeat: false,
    expected: { state: OK, reason: 'Transition to ok due to 3 samples inside threshold, most recent: 30.5', data: data('inside', 3, 30.5) } },
  { name: 'ok from insufficient', outcome: outcome('unequivocal', 'ok', [1e16], 0), current: UNKNOWN, repeat: false,
    expected: { state: OK, reason: 'Transition to ok due to 1 samples inside threshold, most recent: 1e+16', data: data('inside', 1, 1e16) } },
  // unequivocal X, S = X, R true → re-notify "Remaining as X"
  { name: 'alarm remains, repeat', outcome: outcome('unequivocal', 'alarm', [81, 82, 85], 3), current: ALARM, repeat: true,
    expected: { state: ALARM, reason: 'Remaining as alarm due to 3 samples outside threshold, most recent: 85.0', data: data('outside', 3, 85) } },
  { name: 'ok remains, repeat', outcome: outcome('unequivocal', 'ok', [1, 2], 0), current: OK, repeat: true,
    expected: { state: OK, reason: 'Remaining as ok due to 2 samples inside threshold, most recent: 2.0', data: data('inside', 2, 2) } },
  // unequivocal X, S = X, R false → nothing
  { name: 'alarm remains', outcome: outcome('unequivocal', 'alarm', [81], 1), current: ALARM, repeat: false, expected: null },
  { name: 'ok remains', outcome: outcome('unequivocal', 'ok', [1], 0), current: OK, repeat: false, expected: null },
  // trending T, S = insufficient data, R any → transition to T
  { name: 'trending alarm from insufficient', outcome: outcome('trending', 'alarm', [70, 90], 1), current: UNKNOWN, repeat: false,
    expected: { state: ALARM, reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 90.0', data: data('outside', 1, 90) } },
  { name: 'trending ok from insufficient, repeat', outcome: outcome('trending', 'ok', [90, 95, 70], 2), current: UNKNOWN, repeat: true,
    expected: { state: OK, reason: 'Transition to ok due to 1 samples inside threshold, most recent: 70.0', data: data('inside', 1, 70) } },
  // trending T, S ∈ {ok, alarm}, R true → re-notify remaining in S, reason computed for S
  { name: 'trending alarm while ok, repeat', outcome: outcome('trending', 'alarm', [70, 90], 1), current: OK, repeat: true,
    expected: { state: OK, reason: 'Remaining as ok due to 1 samples inside threshold, most recent: 90.0', data: data('inside', 1, 90) } },
  { name: 'trending ok while alarm, repeat', outcome: outcome('trending', 'ok', [90, 95, 70], 2), current: ALARM, repeat: true,
    expected: { state: ALARM, reason: 'Remaining as alarm due to 2 samples outside threshold, most recent: 70.0', data: data('outside', 2, 70) } },
  { name: 'trending alarm while alarm, repeat', outcome: outcome('trending', 'alarm', [70, 90], 1), current: ALARM, repeat: true,
    expected: { state: ALARM, reason: 'Remaining as alarm due to 1 samples outside threshold, most recent: 90.0', data: data('outside', 1, 90) } },
  { name: 'trending ok while ok, repeat', outcome: outcome('trending', 'ok', [90, 95, 70], 2), current: OK, repeat: true,
    expected: { state: OK, reason: 'Remaining as ok due to 1 samples inside threshold, most recent: 70.0', data: data('inside', 1, 70) } },
  // trending T, S ∈ {ok, alarm}, R false → held
  { name: 'trending alarm while ok', outcome: outcome('trending', 'alarm', [70, 90], 1), current: OK, repeat: false, expected: null },
  { name: 'trending ok while alarm', outcome: outcome('trending', 'ok', [90, 70], 1), current: ALARM, repeat: false, expected: null },
  { name: 'trending alarm while alarm', outcome: outcome('trending', 'alarm', [70, 90], 1), current: ALARM, repeat: false, expected: null },
];

describe('decideThreshold (§3.3.6 / §3.3.7)', () => {
  it.each(table)('$name', ({ outcome: result, current, repeat, expected }) => {
    const decision = decideThreshold(result, { state: current, repeat_actions: repeat });
    if (expected === null) expect(decision).toBeUndefined();
    else expect(decision).toStrictEqual({ state: expected.state, reason: expected.reason, reasonData: expected.data });
  });

  it('serialises an unknown most_recent as JSON null', () => {
    const decision = decideThreshold(insufficient('datapoints are unknown', 0, null), { state: OK, repeat_actions: false });
    expect(JSON.stringify(decision?.reasonData)).toBe('{"type":"threshold","disposition":"unknown","count":0,"most_recent":null}');
  });
});
