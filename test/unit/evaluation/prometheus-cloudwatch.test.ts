import { describe, expect, it } from 'vitest';
import { cloudwatchWindow } from '../../../shared/alarm-types/cloudwatch_threshold/evaluate.js';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { AlarmState, JsonObject } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import { alarm, context, fakeCloudWatch, fakePrometheus, rules } from './fakes.js';

const prometheus = alarmTypes.prometheus as AlarmTypePlugin;
const cloudwatch = alarmTypes.cloudwatch_threshold as AlarmTypePlugin;
const data = (disposition: string, count: number, mostRecent: number | null) => ({ type: 'threshold', disposition, count, most_recent: mostRecent });

describe('prometheus (§3.3.2, §3.3.3)', () => {
  it("asks for a scoped rule's metric with the rule's project, for the source to put in its project dimension", async () => {
    const source = fakeCloudWatch(() => [91, 92]);
    await cloudwatch.evaluateThreshold?.({ ...rules.cloudwatch, scope_to_project: 'p1' }, context({ cloudwatch: source }));
    await cloudwatch.evaluateThreshold?.({ ...rules.cloudwatch, scope_to_project: null }, context({ cloudwatch: source }));
    expect(source.calls.map((call) => call.scopeToProject)).toEqual(['p1', undefined]);
  });

  type Row = { name: string; values: number[] | Error; state: AlarmState; repeat: boolean; expected: JsonObject | null };
  const rows: Row[] = [
    { name: 'empty result from ok', values: [], state: 'ok', repeat: false,
      expected: { state: 'insufficient data', reason: 'datapoints are unknown', reasonData: data('unknown', 0, null) } },
    { name: 'empty result, already insufficient', values: [], state: 'insufficient data', repeat: false, expected: null },
    { name: 'empty result, already insufficient, repeat (quirk)', values: [], state: 'insufficient data', repeat: true,
      expected: { state: 'insufficient data', reason: 'Remaining as insufficient data due to 0 samples outside threshold, most recent: None', reasonData: data('outside', 0, null) } },
    // evaluation_periods does not apply: one series is enough.
    { name: 'one series above', values: [93], state: 'ok', repeat: false,
      expected: { state: 'alarm', reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 93.0', reasonData: data('outside', 1, 93) } },
    { name: 'every series in order, last decides the trend', values: [95, 10, 99], state: 'insufficient data', repeat: false,
      expected: { state: 'alarm', reason: 'Transition to alarm due to 2 samples outside threshold, most recent: 99.0', reasonData: data('outside', 2, 99) } },
    { name: 'all series below from alarm', values: [1, 2, 3, 4], state: 'alarm', repeat: false,
      expected: { state: 'ok', reason: 'Transition to ok due to 4 samples inside threshold, most recent: 4.0', reasonData: data('inside', 4, 4) } },
    { name: 'source answer turned insufficient', values: new InsufficientDataError('some reason'), state: 'alarm', repeat: false,
      expected: { state: 'insufficient data', reason: 'some reason', reasonData: data('unknown', 0, null) } },
  ];
  it.each(rows)('$name', async ({ values, state, repeat, expected }) => {
    const source = fakePrometheus({ cpu: values });
    const decision = await evaluateAlarm(alarm('prometheus', rules.prometheus, state, repeat), prometheus, context({ prometheus: source }));
    expect(decision ?? null).toStrictEqual(expected);
  });

  it('scopes the query to the stored project, and only when there is one', async () => {
    const source = fakePrometheus({ cpu: [1] });
    await prometheus.evaluateThreshold?.(rules.prometheus, context({ prometheus: source }));
    await prometheus.evaluateThreshold?.({ ...rules.prometheus, scope_to_project: null }, context({ prometheus: source }));
    await prometheus.evaluateThreshold?.({ ...rules.prometheus, scope_to_project: '' }, context({ prometheus: source }));
    const { scope_to_project: _scope, ...legacy } = rules.prometheus;
    await prometheus.evaluateThreshold?.(legacy, context({ prometheus: source }));
    expect(source.calls).toEqual([{ query: 'cpu', scopeToProject: 'p' }, { query: 'cpu' }, { query: 'cpu' }, { query: 'cpu' }]);
  });

  it('query errors and a missing source propagate (state unchanged)', async () => {
    const down = fakePrometheus({ cpu: new MetricSourceUnavailableError('prometheus answered 503') });
    await expect(evaluateAlarm(alarm('prometheus', rules.prometheus, 'ok'), prometheus, context({ prometheus: down }))).rejects.toThrow('prometheus answered 503');
    await expect(prometheus.evaluateThreshold?.(rules.prometheus, context({}))).rejects.toThrow(new MetricSourceUnavailableError('prometheus is not configured'));
  });
});

describe('cloudwatch window: whole periods ending at the last boundary', () => {
  const rows: Array<{ now: string; period: number; periods: number; start: string; end: string }> = [
    { now: '2024-03-01T10:45:00Z', period: 300, periods: 2, start: '2024-03-01T10:35:00.000Z', end: '2024-03-01T10:45:00.000Z' },
    { now: '2024-03-01T10:47:59.999Z', period: 300, periods: 2, start: '2024-03-01T10:35:00.000Z', end: '2024-03-01T10:45:00.000Z' },
    { now: '2024-03-01T10:45:31Z', period: 60, periods: 5, start: '2024-03-01T10:40:00.000Z', end: '2024-03-01T10:45:00.000Z' },
    { now: '2024-03-01T10:45:31Z', period: 10, periods: 3, start: '2024-03-01T10:45:00.000Z', end: '2024-03-01T10:45:30.000Z' },
    { now: '2024-03-01T10:45:00Z', period: 86400, periods: 1, start: '2024-02-29T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z' },
  ];
  it.each(rows)('$now, $periods × $period s → $start – $end', ({ now, period, periods, start, end }) => {
    const window = cloudwatchWindow(new Date(now), period, periods);
    expect({ start: window.start.toISOString(), end: window.end.toISOString() }).toEqual({ start, end });
  });
});

describe('cloudwatch_threshold', () => {
  it('asks for the rule metric over the window', async () => {
    const source = fakeCloudWatch(() => [91, 92]);
    await cloudwatch.evaluateThreshold?.(rules.cloudwatch, context({ cloudwatch: source }));
    expect(source.calls).toEqual([
      { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: [{ name: 'InstanceId', value: 'i-1' }], statistic: 'Average', period: 300,
        start: new Date('2024-03-01T10:35:00Z'), end: new Date('2024-03-01T10:45:00Z') },
    ]);
  });

  type Row = { name: string; values: number[] | Error; state: AlarmState; repeat: boolean; expected: JsonObject | null };
  const rows: Row[] = [
    { name: 'both periods at or above 90', values: [90, 95], state: 'ok', repeat: false,
      expected: { state: 'alarm', reason: 'Transition to alarm due to 2 samples outside threshold, most recent: 95.0', reasonData: data('outside', 2, 95) } },
    { name: 'the last evaluation_periods values are kept', values: [1, 2, 95, 96], state: 'ok', repeat: false,
      expected: { state: 'alarm', reason: 'Transition to alarm due to 2 samples outside threshold, most recent: 96.0', reasonData: data('outside', 2, 96) } },
    { name: 'one value of two from ok', values: [95], state: 'ok', repeat: false,
      expected: { state: 'insufficient data', reason: '2 datapoints are unknown', reasonData: data('unknown', 2, 95) } },
    { name: 'no value from alarm', values: [], state: 'alarm', repeat: true,
      expected: { state: 'insufficient data', reason: '2 datapoints are unknown', reasonData: data('unknown', 2, null) } },
    { name: 'no value, already insufficient', values: [], state: 'insufficient data', repeat: false, expected: null },
    { name: 'trending ok while alarm is held', values: [95, 10], state: 'alarm', repeat: false, expected: null },
    { name: 'source answer turned insufficient', values: new InsufficientDataError('metric not found'), state: 'ok', repeat: false,
      expected: { state: 'insufficient data', reason: 'metric not found', reasonData: data('unknown', 2, null) } },
  ];
  it.each(rows)('$name', async ({ values, state, repeat, expected }) => {
    const source = fakeCloudWatch(() => values);
    const decision = await evaluateAlarm(alarm('cloudwatch_threshold', rules.cloudwatch, state, repeat), cloudwatch, context({ cloudwatch: source }));
    expect(decision ?? null).toStrictEqual(expected);
  });

  it('an unreachable or unconfigured CloudWatch leaves the state alone', async () => {
    const down = fakeCloudWatch(() => new MetricSourceUnavailableError('throttled'));
    await expect(cloudwatch.evaluateThreshold?.(rules.cloudwatch, context({ cloudwatch: down }))).rejects.toThrow('throttled');
    await expect(cloudwatch.evaluateThreshold?.(rules.cloudwatch, context({}))).rejects.toThrow(new MetricSourceUnavailableError('cloudwatch is not configured'));
  });
});
