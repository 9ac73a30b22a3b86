import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { AlarmState, JsonObject } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { sanitiseGnocchi, window } from '../../../shared/alarm-types/gnocchi-common/sanitise.js';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import type { GnocchiPoint } from '../../../shared/metric-sources/gnocchi/query.js';
import { alarm, context, fakeGnocchi, points, rules } from './fakes.js';

const plugin = (type: string) => alarmTypes[type] as AlarmTypePlugin;

describe('gnocchi query window (§3.3.1)', () => {
  const rows: Array<{ now: string; granularity: number; periods: number; lag: number; start: string; stop: string }> = [
    { now: '2024-03-01T10:45:00Z', granularity: 60, periods: 5, lag: 0, start: '2024-03-01T10:39:00', stop: '2024-03-01T10:45:00' },
    { now: '2024-03-01T10:45:00Z', granularity: 60, periods: 5, lag: 30, start: '2024-03-01T10:38:30', stop: '2024-03-01T10:45:00' },
    { now: '2024-03-01T10:45:00Z', granularity: 300, periods: 1, lag: 0, start: '2024-03-01T10:35:00', stop: '2024-03-01T10:45:00' },
    { now: '2024-03-01T00:01:00Z', granularity: 3600, periods: 2, lag: 0, start: '2024-02-29T21:01:00', stop: '2024-03-01T00:01:00' },
    { now: '2024-03-01T10:45:07.250Z', granularity: 60, periods: 1, lag: 86400, start: '2024-02-29T10:43:07.250000', stop: '2024-03-01T10:45:07.250000' },
  ];
  it.each(rows)('$now, granularity $granularity × ($periods + 1) + $lag → $start – $stop', ({ now, granularity, periods, lag, start, stop }) => {
    expect(window(new Date(now), granularity, periods, lag)).toEqual({ start, stop });
  });
});

describe('gnocchi sanitising (§3.3.3)', () => {
  const mixed: GnocchiPoint[] = [
    ['t1', 300, 1], ['t1', 60, 10], ['t2', 60, 20], ['t2', 3600, 2], ['t3', 60, 30], ['t4', 60, 40],
  ];
  const rows: Array<{ name: string; points: GnocchiPoint[]; granularity: number; periods: number; expected: unknown }> = [
    { name: 'keeps only the rule granularity, last n values', points: mixed, granularity: 60, periods: 3, expected: { kind: 'values', values: [20, 30, 40] } },
    { name: 'exactly n values', points: mixed, granularity: 60, periods: 4, expected: { kind: 'values', values: [10, 20, 30, 40] } },
    { name: 'other granularity only', points: mixed, granularity: 300, periods: 1, expected: { kind: 'values', values: [1] } },
    { name: 'no point of the granularity', points: mixed, granularity: 120, periods: 2,
      expected: { kind: 'insufficient', reason: 'No datapoint for granularity 120', count: 2, mostRecent: null } },
    { name: 'no point at all', points: [], granularity: 60, periods: 1,
      expected: { kind: 'insufficient', reason: 'No datapoint for granularity 60', count: 1, mostRecent: null } },
    { name: 'fewer than evaluation_periods: most recent kept', points: mixed, granularity: 60, periods: 5,
      expected: { kind: 'insufficient', reason: '5 datapoints are unknown', count: 5, mostRecent: 40, seen: [10, 20, 30, 40] } },
    // No trailing-bucket drop: the newest (possibly incomplete) bucket counts.
    { name: 'the newest bucket is kept', points: points(60, [1, 2, 99]), granularity: 60, periods: 1, expected: { kind: 'values', values: [99] } },
  ];
  it.each(rows)('$name', ({ points: input, granularity, periods, expected }) => {
    expect(sanitiseGnocchi(input, { granularity, evaluation_periods: periods })).toEqual(expected);
  });
});

describe('gnocchi statistics queries (§3.3.2)', () => {
  it('gnocchi_resources_threshold asks for the measures of one resource metric', async () => {
    const gnocchi = fakeGnocchi(() => points(60, [81, 82, 83]));
    await plugin('gnocchi_resources_threshold').evaluateThreshold?.(rules.gnocchiResources, context({ gnocchi }));
    expect(gnocchi.calls).toEqual([
      { kind: 'resource', metric: 'cpu_util', resourceId: 'r-1', resourceType: 'instance', aggregation: 'mean', granularity: 60,
        start: '2024-03-01T10:41:00', stop: '2024-03-01T10:45:00' },
    ]);
  });

  it('gnocchi_aggregation_by_metrics_threshold aggregates the listed metrics, aggregation as stored', async () => {
    const gnocchi = fakeGnocchi(() => points(300, [81, 82]));
    await plugin('gnocchi_aggregation_by_metrics_threshold').evaluateThreshold?.(rules.gnocchiByMetrics, context({ gnocchi }));
    expect(gnocchi.calls).toEqual([
      { kind: 'metrics', metrics: ['m-1', 'm-2'], aggregation: 'rate:mean', granularity: 300, start: '2024-03-01T10:30:00', stop: '2024-03-01T10:45:00' },
    ]);
  });

  it('gnocchi_aggregation_by_resources_threshold sends the stored search, decoded', async () => {
    const gnocchi = fakeGnocchi(() => points(60, [5]));
    await plugin('gnocchi_aggregation_by_resources_threshold').evaluateThreshold?.(rules.gnocchiByResources, context({ gnocchi }, { additionalIngestionLag: 60 }));
    expect(gnocchi.calls).toEqual([
      { kind: 'resources', metric: 'cpu', resourceType: 'instance', aggregation: 'max', granularity: 60,
        query: { and: [{ '=': { created_by_project_id: 'p' } }, { '=': { server_group: 'g' } }] },
        start: '2024-03-01T10:42:00', stop: '2024-03-01T10:45:00' },
    ]);
  });
});

describe('gnocchi errors that become insufficient data (§3.3.4)', () => {
  const cases: Array<{ type: string; rule: JsonObject; message: string; count: number }> = [
    { type: 'gnocchi_resources_threshold', rule: rules.gnocchiResources, message: 'metric cpu_util for resource r-1 does not exists', count: 3 },
    { type: 'gnocchi_resources_threshold', rule: rules.gnocchiResources, message: 'resource r-1 does not exists', count: 3 },
    { type: 'gnocchi_resources_threshold', rule: rules.gnocchiResources, message: 'aggregation mean does not exist for metric cpu_util of resource r-1', count: 3 },
    { type: 'gnocchi_resources_threshold', rule: rules.gnocchiResources, message: 'alarm statistics retrieval failed: boom', count: 3 },
    { type: 'gnocchi_aggregation_by_metrics_threshold', rule: rules.gnocchiByMetrics, message: "At least of metrics in ['m-1', 'm-2'] does not exist", count: 2 },
    { type: 'gnocchi_aggregation_by_metrics_threshold', rule: rules.gnocchiByMetrics,
      message: "aggregation rate:mean does not exist for at least one metrics in ['m-1', 'm-2']", count: 2 },
    { type: 'gnocchi_aggregation_by_metrics_threshold', rule: rules.gnocchiByMetrics, message: 'alarm statistics retrieval failed: boom', count: 2 },
    { type: 'gnocchi_aggregation_by_resources_threshold', rule: rules.gnocchiByResources, message: 'metric cpu does not exists', count: 1 },
    { type: 'gnocchi_aggregation_by_resources_threshold', rule: rules.gnocchiByResources,
      message: 'aggregation max does not exist for at least one metric of the query', count: 1 },
    { type: 'gnocchi_aggregation_by_resources_threshold', rule: rules.gnocchiByResources, message: 'alarm statistics retrieval failed: boom', count: 1 },
  ];
  it.each(cases)('$type: $message', async ({ type, rule, message, count }) => {
    const gnocchi = fakeGnocchi(() => new InsufficientDataError(message));
    const ctx = context({ gnocchi });
    expect(await plugin(type).evaluateThreshold?.(rule, ctx)).toEqual({ kind: 'insufficient', reason: message, count, mostRecent: null });
    // Through the transition table: reason verbatim, unknown reason_data with count = evaluation_periods.
    expect(await evaluateAlarm(alarm(type, rule, 'ok'), plugin(type), ctx)).toStrictEqual({
      state: 'insufficient data', reason: message, reasonData: { type: 'threshold', disposition: 'unknown', count, most_recent: null },
    });
  });

  it('a corrupt stored rule fails the evaluation (retried next cycle) before any query', async () => {
    const gnocchi = fakeGnocchi(() => []);
    const { metric: _metric, ...broken } = rules.gnocchiResources;
    await expect(plugin('gnocchi_resources_threshold').evaluateThreshold?.(broken, context({ gnocchi }))).rejects.toThrow(TypeError);
    expect(gnocchi.calls).toEqual([]);
  });

  it('an undecodable stored search is a retrieval failure, not a crash', async () => {
    const gnocchi = fakeGnocchi(() => []);
    const outcome = await plugin('gnocchi_aggregation_by_resources_threshold').evaluateThreshold?.({ ...rules.gnocchiByResources, query: '{' }, context({ gnocchi }));
    expect(outcome).toMatchObject({ kind: 'insufficient', count: 1, mostRecent: null });
    expect(outcome?.kind === 'insufficient' && outcome.reason.startsWith('alarm statistics retrieval failed: ')).toBe(true);
    expect(gnocchi.calls).toEqual([]);
  });

  it.each(['gnocchi_resources_threshold', 'gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold'])(
    '%s: an unreachable or unconfigured Gnocchi leaves the state alone',
    async (type) => {
      const rule = type === 'gnocchi_resources_threshold' ? rules.gnocchiResources : type === 'gnocchi_aggregation_by_metrics_threshold' ? rules.gnocchiByMetrics : rules.gnocchiByResources;
      const down = fakeGnocchi(() => new MetricSourceUnavailableError('gnocchi answered 503'));
      await expect(plugin(type).evaluateThreshold?.(rule, context({ gnocchi: down }))).rejects.toThrow(new MetricSourceUnavailableError('gnocchi answered 503'));
      await expect(plugin(type).evaluateThreshold?.(rule, context({}))).rejects.toThrow(new MetricSourceUnavailableError('gnocchi is not configured'));
    },
  );
});

type Row = { name: string; values: number[]; granularity?: number; rule?: JsonObject; state: AlarmState; repeat: boolean; expected: JsonObject | null };

/** End to end through evaluateAlarm: datapoints, rule, current state, repeat → decision. */
const pipeline: Row[] = [
  { name: '3 of 3 above 80 from ok', values: [85, 90, 95.5], state: 'ok', repeat: false,
    expected: { state: 'alarm', reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 95.5', reasonData: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 95.5 } } },
  { name: 'only the last 3 of 5 count', values: [10, 10, 85, 90, 95], state: 'ok', repeat: false,
    expected: { state: 'alarm', reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 95.0', reasonData: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 95 } } },
  { name: 'all inside from alarm', values: [1, 2, 3], state: 'alarm', repeat: false,
    expected: { state: 'ok', reason: 'Transition to ok due to 3 samples inside threshold, most recent: 3.0', reasonData: { type: 'threshold', disposition: 'inside', count: 3, most_recent: 3 } } },
  { name: 'trending alarm from insufficient', values: [1, 2, 81], state: 'insufficient data', repeat: false,
    expected: { state: 'alarm', reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 81.0', reasonData: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 81 } } },
  { name: 'trending alarm while ok is held', values: [1, 2, 81], state: 'ok', repeat: false, expected: null },
  { name: 'trending alarm while ok, repeat', values: [1, 2, 81], state: 'ok', repeat: true,
    expected: { state: 'ok', reason: 'Remaining as ok due to 2 samples inside threshold, most recent: 81.0', reasonData: { type: 'threshold', disposition: 'inside', count: 2, most_recent: 81 } } },
  { name: '2 of 3 datapoints from alarm', values: [81, 82], state: 'alarm', repeat: false,
    expected: { state: 'insufficient data', reason: '3 datapoints are unknown', reasonData: { type: 'threshold', disposition: 'unknown', count: 3, most_recent: 82 } } },
  { name: '2 of 3 datapoints, already insufficient, repeat', values: [81, 82], state: 'insufficient data', repeat: true,
    expected: { state: 'insufficient data', reason: 'Remaining as insufficient data due to 0 samples outside threshold, most recent: 82.0',
      reasonData: { type: 'threshold', disposition: 'outside', count: 0, most_recent: 82 } } },
  { name: 'wrong granularity from ok', values: [81, 82, 83], granularity: 300, state: 'ok', repeat: true,
    expected: { state: 'insufficient data', reason: 'No datapoint for granularity 60', reasonData: { type: 'threshold', disposition: 'unknown', count: 3, most_recent: null } } },
  { name: 'wrong granularity, already insufficient', values: [81], granularity: 300, state: 'insufficient data', repeat: false, expected: null },
  { name: 'le 0.5 with floats', values: [0.5, 0.25, 1e-5], rule: { ...rules.gnocchiResources, comparison_operator: 'le', threshold: 0.5 }, state: 'insufficient data', repeat: false,
    expected: { state: 'alarm', reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 1e-05', reasonData: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 1e-5 } } },
];

describe('gnocchi_resources_threshold end to end (§3.3)', () => {
  it.each(pipeline)('$name', async ({ values, granularity, rule, state, repeat, expected }) => {
    const gnocchi = fakeGnocchi(() => points(granularity ?? 60, values));
    const stored = rule ?? rules.gnocchiResources;
    const decision = await evaluateAlarm(alarm('gnocchi_resources_threshold', stored, state, repeat), plugin('gnocchi_resources_threshold'), context({ gnocchi }));
    expect(decision ?? null).toStrictEqual(expected);
    expect(gnocchi.calls).toHaveLength(1);
  });
});
