import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarm.js';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { ConflictError } from '../../../shared/errors.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { collect, CONTRACT_CONFIG, CONTRACT_SHARDS, type MakeStore } from './contract-support.js';

function transition(alarm: Alarm, id: string, timestamp: string): TransitionMessage {
  return {
    transition_id: id,
    timestamp,
    actions: ['http://receiver.example/hook'],
    alarm_id: alarm.alarm_id,
    alarm_name: alarm.name,
    severity: alarm.severity,
    previous: 'insufficient data',
    current: 'alarm',
    reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 91.0',
    reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
  };
}

export function outboxContract(makeStore: MakeStore): void {
  describe('transition outbox', () => {
    it('records the notification with the state change, per shard, oldest first, until cleared', async () => {
      const store = await makeStore();
      const alarm = await store.createAlarm(makeAlarm());
      const first = transition(alarm, 't1', '2024-03-01T10:00:01');
      const after = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: 'alarm', stateReason: first.reason, history: makeChange(alarm), notification: first });
      const second = { ...transition(after, 't2', '2024-03-01T10:00:02'), previous: 'alarm' as const, current: 'ok' as const };
      await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: after.version, state: 'ok', stateReason: second.reason, notification: second });
      const shard = CONTRACT_CONFIG.shardOf(alarm.alarm_id);
      expect(await collect(store.listPendingTransitions(shard))).toStrictEqual([first, second]);
      expect(await collect(store.listPendingTransitions((shard + 1) % CONTRACT_SHARDS))).toEqual([]);
      await store.clearPendingTransitions([first]);
      expect(await collect(store.listPendingTransitions(shard))).toStrictEqual([second]);
    });

    it('records no notification when the state write loses', async () => {
      const store = await makeStore();
      const alarm = await store.createAlarm(makeAlarm());
      const lost = transition(alarm, 'lost', '2024-03-01T10:00:03');
      await expect(
        store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version + 5, state: 'alarm', stateReason: lost.reason, history: makeChange(alarm), notification: lost }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await collect(store.listPendingTransitions(CONTRACT_CONFIG.shardOf(alarm.alarm_id)))).toEqual([]);
    });
  });
}
