import { describe, expect, it } from 'vitest';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import type { MakeStore } from './contract-support.js';

/** The acknowledgement and repeat-interval attributes (beyond Aodh) as every adapter stores them. */
export function ackContract(makeStore: MakeStore): void {
  describe('acknowledgement and repeat interval', () => {
    it('updateState sets, keeps (undefined) and removes (null) acknowledged, with or without a history row', async () => {
      const store = await makeStore();
      const alarm = await store.createAlarm(makeAlarm({ state: 'alarm' }));
      const ack = { by: 'user-1', at: '2026-01-01T00:00:00', comment: 'on it' };
      const set = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: 'alarm', stateReason: alarm.state_reason, acknowledged: ack, history: makeChange(alarm) });
      expect(set.acknowledged).toEqual(ack);
      expect(set.version).toBe(alarm.version + 1);
      const kept = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: set.version, state: 'alarm', stateReason: 'still' });
      expect(kept.acknowledged).toEqual(ack);
      expect((await store.getAlarm(alarm.alarm_id))?.acknowledged).toEqual(ack);
      const removed = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: kept.version, state: 'ok', stateReason: 'moved', acknowledged: null, stateTimestamp: '2026-01-01T00:01:00' });
      expect(removed).not.toHaveProperty('acknowledged');
      expect(await store.getAlarm(alarm.alarm_id)).not.toHaveProperty('acknowledged');
    });

    it('updateState writes last_repeat_at alone, keeping every other attribute', async () => {
      const store = await makeStore();
      const alarm = await store.createAlarm(makeAlarm({ state: 'alarm', repeat_actions: true, repeat_interval: 300 }));
      const after = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: 'alarm', stateReason: alarm.state_reason, lastRepeatAt: '2026-01-01T00:05:00' });
      const read = await store.getAlarm(alarm.alarm_id);
      expect(read).toStrictEqual(after);
      expect(read).toStrictEqual({ ...alarm, version: alarm.version + 1, last_repeat_at: '2026-01-01T00:05:00' });
    });

    it('round-trips repeat_interval and acknowledged through create and replace', async () => {
      const store = await makeStore();
      const ack = { by: 'user-2', at: '2026-01-02T00:00:00' };
      const alarm = await store.createAlarm(makeAlarm({ repeat_actions: true, repeat_interval: 60, acknowledged: ack }));
      expect(await store.getAlarm(alarm.alarm_id)).toStrictEqual(alarm);
      const { repeat_interval: _dropped, ...withoutInterval } = alarm;
      const replaced = await store.replaceAlarm(withoutInterval);
      expect(replaced).not.toHaveProperty('repeat_interval');
      expect(await store.getAlarm(alarm.alarm_id)).toStrictEqual(replaced);
    });
  });
}
