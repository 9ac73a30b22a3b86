import { describe, expect, it } from 'vitest';
import { MemoryAlarmStore } from '../../../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../../../shared/adapters/memory/memory-transition-queue.js';
import { refreshAlarm } from '../../../../shared/transitions/refresh-alarm.js';
import { makeAlarm } from '../../../support/alarm-factory.js';

/** The listener re-records an event alarm that fires again (alwaysRecord); acknowledged, it stays quiet. */
describe('an acknowledged event alarm firing again', () => {
  it('is recorded with its history row, keeps the acknowledgement and notifies no one', async () => {
    const store = new MemoryAlarmStore({ shardOf: () => 0, isScheduledType: () => false, isEventType: () => true });
    const queue = new MemoryTransitionQueue();
    let ids = 0;
    const deps = { store, queue, clock: { now: () => new Date('2026-01-01T00:00:00Z') }, newId: () => `id-${++ids}`, serviceIdentity: { userId: 'aodh', projectId: 'service' } };
    const ack = { by: 'u1', at: '2025-12-31T23:00:00' };
    const alarm = await store.createAlarm(makeAlarm({ type: 'event', state: 'alarm', repeat_actions: true, acknowledged: ack, alarm_actions: ['log://'], rule: { event_type: '*', query: [] } }));
    const decision = { state: 'alarm' as const, reason: 'Event hits the query', reasonData: { type: 'event' } };

    expect(await refreshAlarm(deps, alarm, decision, { alwaysRecord: true })).toBe('transitioned');
    expect(queue.messages()).toEqual([]);
    const stored = await store.getAlarm(alarm.alarm_id);
    expect(stored).toMatchObject({ acknowledged: ack, state_reason: 'Event hits the query' });

    // Without the acknowledgement the same firing notifies, as in Aodh.
    const { acknowledged: _ack, ...plain } = stored ?? alarm;
    const unacked = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: plain.version, state: 'alarm', stateReason: plain.state_reason, acknowledged: null });
    expect(await refreshAlarm(deps, unacked, decision, { alwaysRecord: true })).toBe('transitioned');
    expect(queue.messages().map((m) => m.current)).toEqual(['alarm']);
  });
});
