import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { AlarmState, TimeConstraint } from '../../../shared/domain/alarm.js';
import { evaluateAlarm, evaluateAlarmResult } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { alarm, context, fakeGnocchi, fakePrometheus, points, rules } from './fakes.js';

const plugin = (type: string) => alarmTypes[type] as AlarmTypePlugin;
// NOW is 2024-03-01T10:45:00Z, a Friday.
const window = (start: string, duration: number, timezone = ''): TimeConstraint => ({ name: start, description: '', start, duration, timezone });

describe('evaluateAlarm', () => {
  const cases: Array<{ name: string; constraints: TimeConstraint[] | null; evaluated: boolean }> = [
    { name: 'no constraints', constraints: [], evaluated: true },
    { name: 'null constraints', constraints: null, evaluated: true },
    { name: 'inside a window', constraints: [window('0 10 * * *', 3600)], evaluated: true },
    { name: 'inside a window in another zone', constraints: [window('0 11 * * *', 3600, 'Europe/Berlin')], evaluated: true },
    { name: 'inside one of two windows', constraints: [window('0 22 * * *', 60), window('30 10 * * *', 900)], evaluated: true },
    { name: 'outside every window', constraints: [window('0 22 * * *', 3600), window('0 10 * * 1-4', 7200)], evaluated: false },
  ];

  it.each(cases)('threshold alarm, $name', async ({ constraints, evaluated }) => {
    const gnocchi = fakeGnocchi(() => points(60, [90, 91, 92]));
    const stored = alarm('gnocchi_resources_threshold', rules.gnocchiResources, 'ok', false, { time_constraints: constraints });
    const decision = await evaluateAlarm(stored, plugin('gnocchi_resources_threshold'), context({ gnocchi }));
    // Outside every window: no query at all, no decision.
    expect(gnocchi.calls).toHaveLength(evaluated ? 1 : 0);
    expect(decision?.state).toBe(evaluated ? 'alarm' : undefined);
  });

  it.each(cases)('composite alarm, $name', async ({ constraints, evaluated }) => {
    const prometheus = fakePrometheus({ cpu: [99] });
    const tree = { or: [{ ...rules.prometheus, type: 'prometheus' }] };
    const decision = await evaluateAlarm(alarm('composite', tree, 'ok', false, { time_constraints: constraints }), plugin('composite'), context({ prometheus }));
    expect(prometheus.calls).toHaveLength(evaluated ? 1 : 0);
    expect(decision?.state).toBe(evaluated ? 'alarm' : undefined);
  });

  it('a type with neither hook decides nothing (event alarms belong to the listener)', async () => {
    expect(await evaluateAlarm(alarm('event', { event_type: '*', query: [] }, 'ok', true), plugin('event'), context({}))).toBeUndefined();
  });

  it('prefers the type’s own decision over the threshold table', async () => {
    const own: AlarmTypePlugin = {
      ...plugin('prometheus'),
      evaluate: async () => ({ state: 'ok', reason: 'own', reasonData: {} }),
      evaluateThreshold: async () => {
        throw new Error('not called');
      },
    };
    expect(await evaluateAlarm(alarm('prometheus', rules.prometheus), own, context({}))).toEqual({ state: 'ok', reason: 'own', reasonData: {} });
  });
});

describe('evaluateAlarmResult: what the evaluation counters count (§3.3.6)', () => {
  const cases: Array<{ name: string; values: number[]; state: AlarmState; repeat?: boolean; counted: AlarmState | undefined; decides: boolean }> = [
    { name: 'unequivocal alarm, a transition', values: [90, 95], state: 'ok', counted: 'alarm', decides: true },
    { name: 'unequivocal alarm, state held', values: [90, 95], state: 'alarm', counted: 'alarm', decides: false },
    { name: 'unequivocal ok, state held', values: [10], state: 'ok', counted: 'ok', decides: false },
    { name: 'insufficient data, a transition', values: [], state: 'ok', counted: 'insufficient data', decides: true },
    { name: 'insufficient data, state held', values: [], state: 'insufficient data', counted: 'insufficient data', decides: false },
    { name: 'trending, a transition from insufficient data', values: [10, 95], state: 'insufficient data', counted: undefined, decides: true },
    { name: 'trending, state held', values: [95, 10], state: 'alarm', counted: undefined, decides: false },
    { name: 'trending, repeat notification', values: [95, 10], state: 'alarm', repeat: true, counted: undefined, decides: true },
  ];

  it.each(cases)('$name', async ({ values, state, repeat, counted, decides }) => {
    const result = await evaluateAlarmResult(alarm('prometheus', rules.prometheus, state, repeat ?? false), plugin('prometheus'), context({ prometheus: fakePrometheus({ cpu: values }) }));
    expect(result.counted).toBe(counted);
    expect(result.decision !== undefined).toBe(decides);
  });

  it('counts nothing for a composite alarm, though its leaves are unequivocal', async () => {
    const tree = { and: [{ ...rules.prometheus, type: 'prometheus' }] };
    const result = await evaluateAlarmResult(alarm('composite', tree, 'ok'), plugin('composite'), context({ prometheus: fakePrometheus({ cpu: [99] }) }));
    expect(result).toEqual({ decision: expect.objectContaining({ state: 'alarm' }) });
  });

  it('counts nothing outside the time constraints: nothing was evaluated', async () => {
    const outside = alarm('prometheus', rules.prometheus, 'ok', false, { time_constraints: [window('0 22 * * *', 60)] });
    expect(await evaluateAlarmResult(outside, plugin('prometheus'), context({ prometheus: fakePrometheus({ cpu: [99] }) }))).toEqual({ decision: undefined });
  });

  it('gives evaluateAlarm the same decision', async () => {
    const stored = alarm('prometheus', rules.prometheus, 'ok');
    const source = () => context({ prometheus: fakePrometheus({ cpu: [99] }) });
    expect(await evaluateAlarm(stored, plugin('prometheus'), source())).toEqual((await evaluateAlarmResult(stored, plugin('prometheus'), source())).decision);
  });
});
