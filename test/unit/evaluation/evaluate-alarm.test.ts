import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { TimeConstraint } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/evaluation/evaluate-alarm.js';
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
