import { describe, expect, it } from 'vitest';
import { QuotaExceededError } from '../../../shared/ports/alarm-store.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { collect, type MakeStore } from './contract-support.js';

/** Issue 11 A6 (quotas atomic with the insert) and A7 (deletes that never wait on the history). */
export function deleteAndQuotaContract(makeStore: MakeStore): void {
  describe('quota limits', () => {
    it('lets exactly `limit` of many parallel creates through, per user and per project', async () => {
      const store = await makeStore();
      const attempts = Array.from({ length: 10 }, () => store.createAlarm(makeAlarm({ user_id: 'racer', project_id: 'race' }), undefined, { project: -1, user: 2 }));
      const results = await Promise.allSettled(attempts);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
      for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(QuotaExceededError);
      const perProject = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) => store.createAlarm(makeAlarm({ user_id: `u${index}`, project_id: 'capped' }), undefined, { project: 3, user: -1 })),
      );
      expect(perProject.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
      expect(await store.countAlarms({ projectId: 'capped' })).toBe(3);
    });

    it('frees a place on delete and moves it with an owner change', async () => {
      const store = await makeStore();
      const limits = { project: 2, user: -1 };
      const first = await store.createAlarm(makeAlarm({ project_id: 'a' }), undefined, limits);
      const second = await store.createAlarm(makeAlarm({ project_id: 'a' }), undefined, limits);
      await expect(store.createAlarm(makeAlarm({ project_id: 'a' }), undefined, limits)).rejects.toBeInstanceOf(QuotaExceededError);
      await store.deleteAlarm(first.alarm_id);
      await store.createAlarm(makeAlarm({ project_id: 'a' }), undefined, limits);
      await store.replaceAlarm({ ...second, project_id: 'b' });
      await store.createAlarm(makeAlarm({ project_id: 'a' }), undefined, limits);
      await store.createAlarm(makeAlarm({ project_id: 'b' }), undefined, limits);
      await expect(store.createAlarm(makeAlarm({ project_id: 'b' }), undefined, limits)).rejects.toBeInstanceOf(QuotaExceededError);
    });
  });

  describe('deletes and history purges', () => {
    it('hides the history at once, purges it in bounded steps, and touches no other alarm', async () => {
      const store = await makeStore();
      const alarm = makeAlarm({ project_id: 'p-purge' });
      await store.createAlarm(alarm, makeChange(alarm));
      for (let index = 0; index < 11; index++) await store.appendHistory(makeChange(alarm, { type: 'state transition' }));
      const other = makeAlarm({ project_id: 'p-purge' });
      await store.createAlarm(other, makeChange(other));

      expect(await store.purgeDeletedHistory(alarm.alarm_id, 5)).toBe(true); // not deleted: nothing to purge, nothing removed
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toHaveLength(12);

      await store.deleteAlarm(alarm.alarm_id);
      expect(await store.isPurgePending(alarm.alarm_id)).toBe(true);
      expect(await collect(store.listPendingPurges())).toContain(alarm.alarm_id);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([]);
      expect((await collect(store.scanHistory({}))).map((row) => row.alarm_id)).toEqual([other.alarm_id]);
      expect((await collect(store.scanHistory({ onBehalfOf: 'p-purge' }))).map((row) => row.alarm_id)).toEqual([other.alarm_id]);

      expect(await store.purgeDeletedHistory(alarm.alarm_id, 5)).toBe(false);
      expect(await store.purgeDeletedHistory(alarm.alarm_id, 5)).toBe(false);
      let steps = 0;
      while (!(await store.purgeDeletedHistory(alarm.alarm_id, 5))) steps++;
      expect(steps).toBeLessThanOrEqual(1);
      expect(await store.isPurgePending(alarm.alarm_id)).toBe(false);
      expect(await collect(store.listPendingPurges())).not.toContain(alarm.alarm_id);
      expect(await collect(store.listHistory({ alarmId: other.alarm_id }))).toHaveLength(1);
      expect(await store.deleteAlarm(alarm.alarm_id)).toBeUndefined();
    });

    it('lists pending purges by virtual shard', async () => {
      const store = await makeStore();
      const alarms = await Promise.all(Array.from({ length: 6 }, () => store.createAlarm(makeAlarm())));
      for (const alarm of alarms) await store.deleteAlarm(alarm.alarm_id);
      const { shardOf } = await import('./contract-support.js').then((module) => module.CONTRACT_CONFIG);
      for (const shard of [0, 1, 2, 3]) {
        const expected = alarms.filter((alarm) => shardOf(alarm.alarm_id) === shard).map((alarm) => alarm.alarm_id).sort();
        expect((await collect(store.listPendingPurges([shard]))).sort()).toEqual(expected);
      }
    });
  });
}
