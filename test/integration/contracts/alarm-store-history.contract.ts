import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../shared/domain/time.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { collect, type MakeStore } from './contract-support.js';

const at = (minute: number) => `2024-03-01T10:${String(minute).padStart(2, '0')}:00.000000`;
const minutesAgo = (minutes: number) => formatTimestamp(new Date(Date.now() - minutes * 60_000));

export function historyContract(makeStore: MakeStore): void {
  describe('history', () => {
    it("returns one alarm's rows newest first, or oldest first on request", async () => {
      const store = await makeStore();
      const alarm = makeAlarm();
      const rows = [3, 1, 2, 2].map((minute, index) => makeChange(alarm, { timestamp: at(minute), event_id: `event-${index}` }));
      for (const row of rows) await store.appendHistory(row);
      await store.appendHistory(makeChange(makeAlarm(), { timestamp: at(5) }));
      const newestFirst = ['event-0', 'event-3', 'event-2', 'event-1'];
      expect((await collect(store.listHistory({ alarmId: alarm.alarm_id }))).map((row) => row.event_id)).toEqual(newestFirst);
      expect((await collect(store.listHistory({ alarmId: alarm.alarm_id, order: 'asc' }))).map((row) => row.event_id)).toEqual([...newestFirst].reverse());
      expect((await collect(store.listHistory({ alarmId: alarm.alarm_id })))[0]).toStrictEqual(rows[0]);
    });

    it('scans history of one on_behalf_of project newest first, or of everyone', async () => {
      const store = await makeStore();
      const mine = makeAlarm({ project_id: 'project-a' });
      const unnamed = makeAlarm({ project_id: '' });
      // An evaluator row: made by the service project, on behalf of the alarm's project.
      const rows = [
        makeChange(mine, { timestamp: at(1), project_id: 'service' }),
        makeChange(mine, { timestamp: at(4) }),
        makeChange(makeAlarm({ project_id: 'project-a' }), { timestamp: at(2) }),
        makeChange(unnamed, { timestamp: at(3) }),
        makeChange(makeAlarm({ project_id: 'project-b' }), { timestamp: at(5), project_id: 'project-a' }),
      ];
      for (const row of rows) await store.appendHistory(row);
      const timestamps = async (onBehalfOf?: string) => (await collect(store.scanHistory({ onBehalfOf }))).map((row) => row.timestamp);
      expect(await timestamps('project-a')).toEqual([at(4), at(2), at(1)]);
      expect(await timestamps('')).toEqual([at(3)]);
      expect(await timestamps('project-c')).toEqual([]);
      expect((await timestamps()).sort()).toEqual([1, 2, 3, 4, 5].map(at));
      expect((await collect(store.scanHistory({ onBehalfOf: '' })))[0]).toStrictEqual(rows[3]);
    });

    it('hides rows older than the history TTL from every read, and keeps them without a TTL', async () => {
      const alarm = makeAlarm();
      const fresh = makeChange(alarm, { timestamp: minutesAgo(10) });
      const stale = makeChange(alarm, { timestamp: minutesAgo(120) });
      const ttlStore = await makeStore({ historyTtlSeconds: 3600 });
      const keepStore = await makeStore({ historyTtlSeconds: -1 });
      for (const store of [ttlStore, keepStore]) {
        await store.appendHistory(stale);
        await store.appendHistory(fresh);
      }
      expect(await collect(ttlStore.listHistory({ alarmId: alarm.alarm_id }))).toEqual([fresh]);
      expect(await collect(ttlStore.scanHistory({ onBehalfOf: alarm.project_id }))).toEqual([fresh]);
      expect(await collect(ttlStore.scanHistory({}))).toEqual([fresh]);
      expect(await collect(keepStore.listHistory({ alarmId: alarm.alarm_id }))).toEqual([fresh, stale]);
    });

    it('lets rows expire as the clock moves past timestamp + TTL', async () => {
      let now = new Date();
      const store = await makeStore({ historyTtlSeconds: 600, now: () => now });
      const alarm = makeAlarm();
      const row = makeChange(alarm, { timestamp: formatTimestamp(now) });
      await store.appendHistory(row);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([row]);
      now = new Date(now.getTime() + 599_000);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([row]);
      now = new Date(now.getTime() + 2_000);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([]);
    });
  });

  describe('quotas', () => {
    it('upserts per resource, returns all of the project, and deletes', async () => {
      const store = await makeStore();
      expect(await store.getQuotas('project-a')).toEqual([]);
      expect(await store.setQuotas('project-a', [{ resource: 'alarms', limit: 10 }])).toEqual([{ resource: 'alarms', limit: 10 }]);
      expect(await store.setQuotas('project-b', [{ resource: 'alarms', limit: -1 }])).toEqual([{ resource: 'alarms', limit: -1 }]);
      expect(await store.setQuotas('project-a', [{ resource: 'alarms', limit: 3 }])).toEqual([{ resource: 'alarms', limit: 3 }]);
      expect(await store.getQuotas('project-a')).toEqual([{ resource: 'alarms', limit: 3 }]);
      expect(await store.setQuotas('project-a', [{ resource: 'alarms', limit: 4 }, { resource: 'alarms', limit: 5 }])).toEqual([{ resource: 'alarms', limit: 5 }]);
      expect(await store.setQuotas('project-a', [])).toEqual([{ resource: 'alarms', limit: 5 }]);
      await store.deleteQuotas('project-a');
      expect(await store.getQuotas('project-a')).toEqual([]);
      expect(await store.getQuotas('project-b')).toEqual([{ resource: 'alarms', limit: -1 }]);
      await store.deleteQuotas('project-a');
    });

    it('has no quotas for the empty project and refuses to store any', async () => {
      const store = await makeStore();
      expect(await store.getQuotas('')).toEqual([]);
      await expect(store.setQuotas('', [{ resource: 'alarms', limit: 1 }])).rejects.toBeInstanceOf(InvalidInputError);
      await store.deleteQuotas('');
    });
  });
}
