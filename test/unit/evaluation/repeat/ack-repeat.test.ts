import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../../shared/domain/alarm.js';
import { makeAlarm } from '../../../support/alarm-factory.js';
import { scriptedEvaluator } from '../../../support/scripted-evaluator.js';

/** The scripted evaluator, plus alarms that repeat their actions, in `ok` at the start. */
function setup() {
  const { store, queue, cycle, parseRule } = scriptedEvaluator();
  const create = (overrides: Partial<Alarm>) =>
    store.createAlarm(
      makeAlarm({ type: 'scripted_threshold', state: 'ok', state_timestamp: '2026-01-01T00:00:00', repeat_actions: true, rule: parseRule({ comparison_operator: 'gt', threshold: 80 }), alarm_actions: ['log://'], ok_actions: ['log://'], ...overrides }),
    );
  return { store, queue, cycle, create };
}

const ACK = { by: 'user-a', at: '2026-01-01T00:01:30', comment: 'looking' };

describe('acknowledgement through the evaluator', () => {
  it('an acknowledged alarm sends no repeats and writes nothing; the next state change clears the ack and notifies', async () => {
    const { store, queue, cycle, create } = setup();
    const alarm = await create({});
    expect((await cycle(90)).outcomes).toEqual({ transitioned: 1 });
    expect((await cycle(90)).outcomes).toEqual({ notified: 1 });
    const fired = await store.getAlarm(alarm.alarm_id);
    const acked = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: fired?.version ?? 0, state: 'alarm', stateReason: fired?.state_reason ?? '', acknowledged: ACK });
    const sentBefore = queue.messages().length;

    expect((await cycle(90)).outcomes).toEqual({ unchanged: 1 });
    expect((await cycle(95)).outcomes).toEqual({ unchanged: 1 });
    expect(queue.messages()).toHaveLength(sentBefore);
    expect((await store.getAlarm(alarm.alarm_id))?.version).toBe(acked.version);

    expect((await cycle(10)).outcomes).toEqual({ transitioned: 1 });
    const recovered = await store.getAlarm(alarm.alarm_id);
    expect(recovered).toMatchObject({ state: 'ok' });
    expect(recovered).not.toHaveProperty('acknowledged');
    expect(queue.messages().map((m) => m.current)).toEqual(['alarm', 'alarm', 'ok']);
    // Repeats resume after the change: the ack belonged to the alarm state.
    expect((await cycle(10)).outcomes).toEqual({ notified: 1 });
  });

  it('without acknowledged or repeat_interval, repeats go out every cycle as in Aodh', async () => {
    const { queue, cycle, create } = setup();
    await create({ state: 'alarm' });
    for (let i = 0; i < 3; i++) expect((await cycle(90)).outcomes).toEqual({ notified: 1 });
    expect(queue.messages()).toHaveLength(3);
  });
});

describe('repeat_interval through the evaluator', () => {
  it('sends at most one repeat per interval, counted from the transition, writing only when one is sent', async () => {
    const { store, queue, cycle, create } = setup();
    const alarm = await create({ repeat_interval: 180 });
    expect((await cycle(90)).outcomes).toEqual({ transitioned: 1 }); // 00:01, the transition notifies
    const afterTransition = (await store.getAlarm(alarm.alarm_id))?.version;
    expect((await cycle(90)).outcomes).toEqual({ unchanged: 1 }); // 00:02
    expect((await cycle(90)).outcomes).toEqual({ unchanged: 1 }); // 00:03
    expect((await store.getAlarm(alarm.alarm_id))?.version).toBe(afterTransition);
    expect((await cycle(90)).outcomes).toEqual({ notified: 1 }); // 00:04 = 180 s after the transition
    const repeated = await store.getAlarm(alarm.alarm_id);
    expect(repeated).toMatchObject({ last_repeat_at: '2026-01-01T00:04:00', version: (afterTransition ?? 0) + 1 });
    expect((await cycle(90)).outcomes).toEqual({ unchanged: 1 }); // 00:05
    expect((await cycle(90)).outcomes).toEqual({ unchanged: 1 }); // 00:06
    expect((await cycle(90)).outcomes).toEqual({ notified: 1 }); // 00:07
    expect(queue.messages().map((m) => m.timestamp.slice(11, 16))).toEqual(['00:01', '00:04', '00:07']);
  });

  it('a repeat without actions sends and writes nothing', async () => {
    const { store, cycle, create } = setup();
    const alarm = await create({ state: 'alarm', alarm_actions: [], repeat_interval: 60 });
    expect((await cycle(90)).outcomes).toEqual({ notified: 1 });
    expect((await store.getAlarm(alarm.alarm_id))?.version).toBe(alarm.version);
  });
});
