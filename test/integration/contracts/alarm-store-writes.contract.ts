import { describe, expect, it } from 'vitest';
import type { Alarm, JsonObject } from '../../../shared/domain/alarm.js';
import { AlarmNotFoundError, ConflictError } from '../../../shared/errors.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { collect, type MakeStore } from './contract-support.js';

export function writeContract(makeStore: MakeStore): void {
  describe('writes', () => {
    it('updateState sets, keeps (undefined) and removes (null) state_detail, with or without a history row', async () => {
      const store = await makeStore();
      const alarm = await store.createAlarm(makeAlarm({ state: 'ok' }));
      const detail = { pending: 'alarm' as const, since: '2026-01-01T00:00:00' };
      const set = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: 'ok', stateReason: 'pending', stateDetail: detail, history: makeChange(alarm) });
      expect(set.state_detail).toEqual(detail);
      const kept = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: set.version, state: 'ok', stateReason: 'still' });
      expect(kept.state_detail).toEqual(detail);
      const removed = await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: kept.version, state: 'alarm', stateReason: 'moved', stateDetail: null });
      expect(removed).not.toHaveProperty('state_detail');
      expect(await store.getAlarm(alarm.alarm_id)).not.toHaveProperty('state_detail');
    });

    it('round-trips an alarm exactly, nulls and nested rule included, with version 1', async () => {
      const store = await makeStore();
      const alarm = makeAlarm({
        description: '',
        ok_actions: null,
        alarm_actions: ['http://example.com/hook?a=1', 'log://'],
        insufficient_data_actions: null,
        time_constraints: null,
        evaluate_timestamp: null,
        project_id: '',
        rule: {
          threshold: 80.0,
          ratio: 0.25,
          negative: -1,
          query: { and: [{ '=': { server_group: 'web' } }, { '>': { cpu: 1.5 } }] },
          list: [1, 'two', true, null, { nested: [] }],
          empty: '',
          nothing: null,
          flag: false,
        },
        version: 41,
      });
      const created = await store.createAlarm(alarm);
      expect(created).toEqual({ ...alarm, version: 1 });
      expect(await store.getAlarm(alarm.alarm_id)).toStrictEqual({ ...alarm, version: 1 });
    });

    it('round-trips every finite double and a rule nested past DynamoDB’s 32 levels (issue 11 A8)', async () => {
      const store = await makeStore();
      const numbers = [1e308, -1e308, 5e-324, -5e-324, 1e16, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 1e-130, 9.999999999999999e125, 0.1, 0];
      let deep: JsonObject = { threshold: 1e308 };
      for (let level = 0; level < 60; level++) deep = { or: [deep] };
      const alarm = makeAlarm({ rule: { threshold: 1e308, numbers, deep } });
      await store.createAlarm(alarm);
      const read = await store.getAlarm(alarm.alarm_id);
      expect(read?.rule).toStrictEqual({ threshold: 1e308, numbers, deep });
      const updated = await store.replaceAlarm({ ...(read as Alarm), rule: { threshold: -5e-324 } });
      expect((await store.getAlarm(alarm.alarm_id))?.rule).toStrictEqual({ threshold: -5e-324 });
      expect(updated.rule).toStrictEqual({ threshold: -5e-324 });
      expect((await collect(store.listAlarms({ projectId: alarm.project_id })))[0]?.rule).toStrictEqual({ threshold: -5e-324 });
    });

    it('round-trips time constraints', async () => {
      const store = await makeStore();
      const constraint = { name: 'nights', description: '', start: '0 23 * * *', duration: 3600, timezone: 'Europe/Ljubljana' };
      const alarm = makeAlarm({ time_constraints: [constraint] });
      await store.createAlarm(alarm);
      expect((await store.getAlarm(alarm.alarm_id))?.time_constraints).toStrictEqual([constraint]);
    });

    it('answers undefined for an unknown alarm', async () => {
      const store = await makeStore();
      expect(await store.getAlarm('no-such-alarm')).toBeUndefined();
    });

    it('hands out copies: mutating a returned alarm does not change the stored one', async () => {
      const store = await makeStore();
      const alarm = makeAlarm();
      const created = await store.createAlarm(alarm);
      created.name = 'mutated';
      (created.alarm_actions ?? []).push('log://mutated');
      const read = await store.getAlarm(alarm.alarm_id);
      expect(read?.name).toBe(alarm.name);
      if (read) read.rule['threshold'] = 1;
      expect((await store.getAlarm(alarm.alarm_id))?.rule['threshold']).toBe(80);
      expect((await store.getAlarm(alarm.alarm_id))?.alarm_actions).toEqual(['log://']);
    });

    it('writes the creation row with the alarm, and refuses a duplicate id without touching it', async () => {
      const store = await makeStore();
      const alarm = makeAlarm();
      const creation = makeChange(alarm);
      await store.createAlarm(alarm, creation);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([creation]);

      await expect(store.createAlarm({ ...alarm, name: 'other' }, makeChange(alarm))).rejects.toBeInstanceOf(ConflictError);
      await expect(store.createAlarm({ ...alarm, name: 'other' })).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getAlarm(alarm.alarm_id))?.name).toBe(alarm.name);
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toHaveLength(1);
    });

    it('replaces the whole alarm when the version matches, bumping it, with the change row', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm({ evaluate_timestamp: '2024-01-15T10:00:00.000000' }));
      const next = { ...created, name: 'renamed', type: 'composite', rule: { or: [] }, evaluate_timestamp: null, alarm_actions: null };
      const change = makeChange(created, { type: 'rule change', detail: '{"name": "renamed"}', timestamp: '2024-01-15T11:00:00.000000' });
      const replaced = await store.replaceAlarm(next, change);
      expect(replaced).toEqual({ ...next, version: 2 });
      expect(await store.getAlarm(created.alarm_id)).toStrictEqual({ ...next, version: 2 });
      expect((await collect(store.listHistory({ alarmId: created.alarm_id }))).map((row) => row.event_id)).toEqual([change.event_id]);
    });

    it('refuses a replacement based on a stale version, writing neither alarm nor change row', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm());
      await store.replaceAlarm({ ...created, name: 'first' });
      await expect(store.replaceAlarm({ ...created, name: 'second' }, makeChange(created))).rejects.toBeInstanceOf(ConflictError);
      await expect(store.replaceAlarm({ ...created, name: 'second' })).rejects.toBeInstanceOf(ConflictError);
      expect(await store.getAlarm(created.alarm_id)).toMatchObject({ name: 'first', version: 2 });
      expect(await collect(store.listHistory({ alarmId: created.alarm_id }))).toEqual([]);
    });

    it('reports a missing alarm as AlarmNotFoundError on replace and state update', async () => {
      const store = await makeStore();
      const ghost = makeAlarm({ version: 1 });
      await expect(store.replaceAlarm(ghost)).rejects.toBeInstanceOf(AlarmNotFoundError);
      await expect(store.replaceAlarm(ghost, makeChange(ghost))).rejects.toBeInstanceOf(AlarmNotFoundError);
      const update = { alarmId: ghost.alarm_id, expectedVersion: 1, state: 'ok' as const, stateReason: 'x' };
      await expect(store.updateState(update)).rejects.toBeInstanceOf(AlarmNotFoundError);
      await expect(store.updateState({ ...update, history: makeChange(ghost) })).rejects.toBeInstanceOf(AlarmNotFoundError);
      expect(await store.getAlarm(ghost.alarm_id)).toBeUndefined();
      expect(await collect(store.listHistory({ alarmId: ghost.alarm_id }))).toEqual([]);
    });

    it('updates only the state attributes and the version', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm({ evaluate_timestamp: null }));
      const row = makeChange(created, { type: 'state transition', detail: '{"state": "alarm"}' });
      const updated = await store.updateState({
        alarmId: created.alarm_id,
        expectedVersion: 1,
        state: 'alarm',
        stateReason: 'Transition to alarm due to 3 samples outside threshold',
        stateTimestamp: '2024-01-15T12:00:00.000000',
        history: row,
      });
      const expected = { ...created, state: 'alarm', state_reason: 'Transition to alarm due to 3 samples outside threshold', state_timestamp: '2024-01-15T12:00:00.000000', version: 2 };
      expect(updated).toStrictEqual(expected);
      expect(await store.getAlarm(created.alarm_id)).toStrictEqual(expected);
      expect(await collect(store.listHistory({ alarmId: created.alarm_id }))).toEqual([row]);

      const again = await store.updateState({ alarmId: created.alarm_id, expectedVersion: 2, state: 'ok', stateReason: 'back' });
      expect(again).toStrictEqual({ ...expected, state: 'ok', state_reason: 'back', version: 3 });
    });

    it('keeps an API edit that landed between the evaluator read and its state write', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm());
      const edited = await store.replaceAlarm({ ...created, name: 'edited by API' });
      await expect(store.updateState({ alarmId: created.alarm_id, expectedVersion: 1, state: 'ok', stateReason: 'stale' })).rejects.toBeInstanceOf(ConflictError);
      const updated = await store.updateState({ alarmId: created.alarm_id, expectedVersion: edited.version, state: 'ok', stateReason: 'fresh' });
      expect(updated).toMatchObject({ name: 'edited by API', state: 'ok', state_reason: 'fresh', version: 3 });
    });

    it('lets exactly one of two concurrent state updates from the same version win, with one history row', async () => {
      const store = await makeStore();
      const created = await store.createAlarm(makeAlarm());
      const attempt = (state: 'ok' | 'alarm') =>
        store.updateState({ alarmId: created.alarm_id, expectedVersion: 1, state, stateReason: state, history: makeChange(created, { type: 'state transition', detail: state }) });
      const results = await Promise.allSettled([attempt('ok'), attempt('alarm')]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.status === 'rejected' && lost[0].reason).toBeInstanceOf(ConflictError);
      const stored = await store.getAlarm(created.alarm_id);
      expect(stored?.version).toBe(2);
      const history = await collect(store.listHistory({ alarmId: created.alarm_id }));
      expect(history).toHaveLength(1);
      expect(history[0]?.detail).toBe(stored?.state);
    });

    it('deletes the alarm with its history and returns what was deleted', async () => {
      const store = await makeStore();
      const alarm = makeAlarm();
      const created = await store.createAlarm(alarm, makeChange(alarm));
      for (let index = 0; index < 30; index++) await store.appendHistory(makeChange(alarm, { type: 'state transition' }));
      const other = makeAlarm();
      const neighbour = await store.createAlarm(other, makeChange(other));
      expect(await store.deleteAlarm(alarm.alarm_id)).toStrictEqual(created);
      expect(await store.getAlarm(alarm.alarm_id)).toBeUndefined();
      expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([]);
      expect(await collect(store.scanHistory({}))).toHaveLength(1);
      expect(await store.getAlarm(neighbour.alarm_id)).toBeDefined();
      expect(await store.deleteAlarm(alarm.alarm_id)).toBeUndefined();
    });
  });
}
