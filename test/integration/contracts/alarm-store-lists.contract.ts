import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarm.js';
import type { AlarmListQuery, AlarmStore } from '../../../shared/ports/alarm-store.js';
import { makeAlarm } from '../../support/alarm-factory.js';
import { collect, inBatches, type MakeStore } from './contract-support.js';

const at = (second: number) => `2024-02-01T00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.000000`;

/** (timestamp, alarm_id) order; plain string order is byte order for these ASCII ids. */
function sorted(alarms: Alarm[], order: 'asc' | 'desc'): string[] {
  const keyed = alarms.map((alarm) => ({ id: alarm.alarm_id, key: `${alarm.timestamp}#${alarm.alarm_id}` }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : 1));
  const ids = keyed.map((entry) => entry.id);
  return order === 'asc' ? ids : ids.reverse();
}

async function createAll(store: AlarmStore, alarms: Alarm[]): Promise<void> {
  await inBatches(alarms, 25, (alarm) => store.createAlarm(alarm));
}

/** Pages the way the API does: take `take` alarms, stop, resume after the last one taken. */
async function pageThrough(store: AlarmStore, query: AlarmListQuery, take: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: AlarmListQuery['after'];
  // A store that ignores or mishandles `after` would otherwise page forever.
  for (let guard = 0; guard < 100; guard++) {
    const page: Alarm[] = [];
    for await (const alarm of store.listAlarms({ ...query, after })) {
      page.push(alarm);
      if (page.length === take) break;
    }
    if (!page.length) return pages;
    pages.push(page.map((alarm) => alarm.alarm_id));
    after = page.at(-1);
  }
  throw new Error('paging did not terminate');
}

export function listContract(makeStore: MakeStore): void {
  describe('listing', () => {
    it("lists only the given project's alarms, newest first by default, the empty project included", async () => {
      const store = await makeStore();
      const mine = [0, 5, 3].map((second) => makeAlarm({ project_id: 'project-a', timestamp: at(second) }));
      const theirs = [1, 4].map((second) => makeAlarm({ project_id: 'project-b', timestamp: at(second) }));
      const unnamed = [2].map((second) => makeAlarm({ project_id: '', timestamp: at(second) }));
      await createAll(store, [...mine, ...theirs, ...unnamed]);
      const ids = async (projectId: string) => (await collect(store.listAlarms({ projectId }))).map((alarm) => alarm.alarm_id);
      expect(await ids('project-a')).toEqual(sorted(mine, 'desc'));
      expect(await ids('project-b')).toEqual(sorted(theirs, 'desc'));
      expect(await ids('')).toEqual(sorted(unnamed, 'desc'));
      expect(await ids('project-c')).toEqual([]);
    });

    it('orders by (timestamp, alarm_id) both ways, equal timestamps broken by alarm_id', async () => {
      const store = await makeStore();
      const alarms = [7, 7, 7, 2, 9, 2].map((second) => makeAlarm({ timestamp: at(second) }));
      await createAll(store, alarms);
      for (const order of ['asc', 'desc'] as const) {
        const listed = await collect(store.listAlarms({ projectId: 'project-a', order, pageSize: 2 }));
        expect(listed.map((alarm) => alarm.alarm_id)).toEqual(sorted(alarms, order));
      }
    });

    it('pages with `after` through ~250 alarms, yielding each exactly once in order', async () => {
      const store = await makeStore();
      // Runs of three share a timestamp, so page boundaries fall inside ties.
      const alarms = Array.from({ length: 250 }, (_, index) => makeAlarm({ project_id: 'paged', timestamp: at(Math.floor(index / 3)) }));
      const others = Array.from({ length: 20 }, (_, index) => makeAlarm({ project_id: 'other', timestamp: at(index * 4) }));
      await createAll(store, [...alarms, ...others]);
      for (const order of ['asc', 'desc'] as const) {
        const pages = await pageThrough(store, { projectId: 'paged', order, pageSize: 17 }, 40);
        expect(pages.map((page) => page.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
        expect(pages.flat()).toEqual(sorted(alarms, order));
      }
      // Creates of one project queue on its count row (issue 11 A6): 270 of them take a while on the emulator.
    }, 120_000);

    it('resumes after an alarm that has since been deleted', async () => {
      const store = await makeStore();
      const alarms = [1, 2, 3, 4].map((second) => makeAlarm({ timestamp: at(second) }));
      await createAll(store, alarms);
      const [, second] = alarms;
      if (!second) throw new Error('fixture');
      await store.deleteAlarm(second.alarm_id);
      const rest = await collect(store.listAlarms({ projectId: 'project-a', order: 'asc', after: second }));
      expect(rest.map((alarm) => alarm.alarm_id)).toEqual(alarms.slice(2).map((alarm) => alarm.alarm_id));
    });

    it('applies equality filters, also when most pages hold no match', async () => {
      const store = await makeStore();
      const plain = Array.from({ length: 30 }, (_, index) => makeAlarm({ timestamp: at(index) }));
      const special = [
        makeAlarm({ timestamp: at(100), state: 'alarm', name: 'disk', user_id: 'user-b' }),
        makeAlarm({ timestamp: at(101), enabled: false, severity: 'critical', user_id: 'user-b' }),
        makeAlarm({ timestamp: at(102), repeat_actions: true, type: 'composite', state: 'alarm' }),
      ];
      await createAll(store, [...plain, ...special]);
      const ids = async (filter: AlarmListQuery['filter']) =>
        (await collect(store.listAlarms({ projectId: 'project-a', filter, order: 'asc', pageSize: 4 }))).map((alarm) => alarm.alarm_id);
      const idsOf = (...alarms: Alarm[]) => alarms.map((alarm) => alarm.alarm_id);
      const [disk, disabled, composite] = special as [Alarm, Alarm, Alarm];
      expect(await ids({ state: 'alarm' })).toEqual(idsOf(disk, composite));
      expect(await ids({ name: 'disk' })).toEqual(idsOf(disk));
      expect(await ids({ enabled: false })).toEqual(idsOf(disabled));
      expect(await ids({ user_id: 'user-b' })).toEqual(idsOf(disk, disabled));
      expect(await ids({ severity: 'critical', user_id: 'user-b' })).toEqual(idsOf(disabled));
      expect(await ids({ type: 'composite', repeat_actions: true })).toEqual(idsOf(composite));
      expect(await ids({ timestamp: at(101) })).toEqual(idsOf(disabled));
      expect(await ids({ state: 'ok' })).toEqual([]);
      expect(await ids({ enabled: true, state: undefined })).toHaveLength(32);
    });

    it('lists every project when no project is given, in order, with filters and `after`', async () => {
      const store = await makeStore();
      const alarms = ['p1', 'p2', '', 'p1', 'p3', 'p2'].map((project_id, index) =>
        makeAlarm({ project_id, timestamp: at(10 - index), state: index % 2 ? 'ok' : 'alarm' }),
      );
      await createAll(store, alarms);
      const all = await collect(store.listAlarms({ pageSize: 2 }));
      expect(all.map((alarm) => alarm.alarm_id)).toEqual(sorted(alarms, 'desc'));
      const okOnly = alarms.filter((alarm) => alarm.state === 'ok');
      expect((await collect(store.listAlarms({ filter: { state: 'ok' }, order: 'asc' }))).map((alarm) => alarm.alarm_id)).toEqual(sorted(okOnly, 'asc'));
      expect(await pageThrough(store, { order: 'asc', pageSize: 1 }, 4)).toEqual([sorted(alarms, 'asc').slice(0, 4), sorted(alarms, 'asc').slice(4)]);
    });

    it("counts a project's alarms, and a user's across projects", async () => {
      const store = await makeStore();
      await createAll(store, [
        ...Array.from({ length: 12 }, () => makeAlarm({ project_id: 'counted', user_id: 'u1' })),
        ...Array.from({ length: 5 }, () => makeAlarm({ project_id: 'counted', user_id: 'u2', enabled: false })),
        ...Array.from({ length: 4 }, () => makeAlarm({ project_id: 'elsewhere', user_id: 'u1' })),
      ]);
      expect(await store.countAlarms({ projectId: 'counted' })).toBe(17);
      expect(await store.countAlarms({ userId: 'u1' })).toBe(16);
      expect(await store.countAlarms({ userId: 'u2' })).toBe(5);
      expect(await store.countAlarms({ userId: 'u3' })).toBe(0);
      expect(await store.countAlarms({ projectId: 'nobody' })).toBe(0);
    });
  });
}
