import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarm.js';
import type { AlarmStore } from '../../../shared/ports/alarm-store.js';
import { makeAlarm } from '../../support/alarm-factory.js';
import { collect, CONTRACT_CONFIG, CONTRACT_SHARDS, type MakeStore } from './contract-support.js';

/** Every shard's alarm ids, each shard's list in alarm_id order as the index returns it. */
async function shardMap(store: AlarmStore): Promise<Map<number, string[]>> {
  const shards = new Map<number, string[]>();
  for (let shard = 0; shard < CONTRACT_SHARDS; shard++) {
    const ids = (await collect(store.listShardAlarms(shard))).map((alarm) => alarm.alarm_id);
    if (ids.length) shards.set(shard, ids);
  }
  return shards;
}

function expectedShards(alarms: Alarm[]): Map<number, string[]> {
  const shards = new Map<number, string[]>();
  for (const alarm of [...alarms].sort((a, b) => (a.alarm_id < b.alarm_id ? -1 : 1))) {
    const shard = CONTRACT_CONFIG.shardOf(alarm.alarm_id);
    shards.set(shard, [...(shards.get(shard) ?? []), alarm.alarm_id]);
  }
  return new Map([...shards].sort(([a], [b]) => a - b));
}

const ids = (alarms: Alarm[]) => alarms.map((alarm) => alarm.alarm_id).sort();

export function indexContract(makeStore: MakeStore): void {
  describe('evaluator shards and event candidates', () => {
    it('puts only enabled alarms of scheduled types in their shard', async () => {
      const store = await makeStore();
      const scheduled = [
        ...Array.from({ length: 12 }, () => makeAlarm()),
        makeAlarm({ type: 'composite', project_id: '' }),
        makeAlarm({ type: 'prometheus', project_id: 'project-b' }),
      ];
      const excluded = [makeAlarm({ enabled: false }), makeAlarm({ type: 'event', rule: { event_type: '*', query: [] } }), makeAlarm({ type: 'threshold' })];
      for (const alarm of [...scheduled, ...excluded]) await store.createAlarm(alarm);
      expect(await shardMap(store)).toEqual(expectedShards(scheduled));
      const [first] = scheduled as [Alarm];
      const inShard = await collect(store.listShardAlarms(CONTRACT_CONFIG.shardOf(first.alarm_id)));
      expect(inShard.find((alarm) => alarm.alarm_id === first.alarm_id)).toStrictEqual({ ...first, version: 1 });
    });

    it('moves an alarm out of and back into its shard as replaceAlarm disables and re-enables it', async () => {
      const store = await makeStore();
      const kept = makeAlarm();
      const toggled = await store.createAlarm(makeAlarm());
      await store.createAlarm(kept);
      const disabled = await store.replaceAlarm({ ...toggled, enabled: false });
      expect(await shardMap(store)).toEqual(expectedShards([kept]));
      const enabled = await store.replaceAlarm({ ...disabled, enabled: true });
      expect(await shardMap(store)).toEqual(expectedShards([kept, enabled]));
      // A state update must not drop it from the index.
      await store.updateState({ alarmId: enabled.alarm_id, expectedVersion: enabled.version, state: 'alarm', stateReason: 'r' });
      expect(await shardMap(store)).toEqual(expectedShards([kept, enabled]));
      await store.replaceAlarm({ ...enabled, type: 'event', version: enabled.version + 1 });
      expect(await shardMap(store)).toEqual(expectedShards([kept]));
      await store.deleteAlarm(kept.alarm_id);
      expect(await shardMap(store)).toEqual(new Map());
    });

    it("lists a project's enabled event alarms, the empty project included", async () => {
      const store = await makeStore();
      const event = (overrides: Partial<Alarm>) => makeAlarm({ type: 'event', rule: { event_type: 'compute.instance.*', query: [] }, ...overrides });
      const projectA = [event({}), event({ user_id: 'user-b' })];
      const unnamed = [event({ project_id: '' })];
      const others = [event({ project_id: 'project-b' }), event({ enabled: false }), makeAlarm(), event({ project_id: '', enabled: false })];
      for (const alarm of [...projectA, ...unnamed, ...others]) await store.createAlarm(alarm);
      expect(ids(await store.listEventAlarms('project-a'))).toEqual(ids(projectA));
      expect(ids(await store.listEventAlarms(''))).toEqual(ids(unnamed));
      expect(ids(await store.listEventAlarms('project-c'))).toEqual([]);
      const [first] = unnamed as [Alarm];
      expect((await store.listEventAlarms(''))[0]).toStrictEqual({ ...first, version: 1 });
    });

    it('follows an event alarm through disable, re-enable and a move to another project', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm({ type: 'event', rule: { event_type: '*', query: [] } }));
      const disabled = await store.replaceAlarm({ ...created, enabled: false });
      expect(await store.listEventAlarms('project-a')).toEqual([]);
      const moved = await store.replaceAlarm({ ...disabled, enabled: true, project_id: 'project-b' });
      expect(await store.listEventAlarms('project-a')).toEqual([]);
      expect(ids(await store.listEventAlarms('project-b'))).toEqual([moved.alarm_id]);
      expect(await collect(store.listAlarms({ projectId: 'project-a' }))).toEqual([]);
      expect(ids(await collect(store.listAlarms({ projectId: 'project-b' })))).toEqual([moved.alarm_id]);
    });
  });
}
