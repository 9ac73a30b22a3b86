import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlarmState } from '../../../shared/domain/alarm.js';
import { type AlarmCounters, type CounterIncrement, type EvaluationCounters, MAX_COUNTER_VALUE } from '../../../shared/ports/evaluation-counters.js';
import { collect } from './contract-support.js';

/** A fresh adapter plus a way to start a counter at any value (the wrap point is 2e9 increments away). */
export interface CountersUnderTest {
  counters: EvaluationCounters;
  seed(alarmId: string, projectId: string, state: AlarmState, value: number): Promise<void>;
}

export type MakeCounters = () => Promise<CountersUnderTest>;

const zeros = { 'insufficient data': 0, ok: 0, alarm: 0 };
const entry = (alarmId: string, projectId: string, state: AlarmState): CounterIncrement => ({ alarmId, projectId, state });
const byId = (rows: AlarmCounters[]) => [...rows].sort((a, b) => a.alarm_id.localeCompare(b.alarm_id));

/** The EvaluationCounters port's behaviour, which every adapter must pass. */
export function evaluationCountersContract(name: string, make: MakeCounters): void {
  describe(`EvaluationCounters contract: ${name}`, () => {
    it('counts one per entry and state, and reports every state, 0 where nothing was counted', async () => {
      const { counters } = await make();
      const [project, alarm] = [`p-${randomUUID()}`, randomUUID()];

      await counters.increment([entry(alarm, project, 'ok')]);
      await counters.increment([entry(alarm, project, 'ok'), entry(alarm, project, 'insufficient data')]);

      expect(await collect(counters.list({ projectId: project }))).toEqual([
        { alarm_id: alarm, project_id: project, state_counters: { 'insufficient data': 1, ok: 2, alarm: 0 } },
      ]);
    });

    it('sums repeated entries of one alarm in a batch', async () => {
      const { counters } = await make();
      const [project, alarm] = [`p-${randomUUID()}`, randomUUID()];

      await counters.increment([entry(alarm, project, 'alarm'), entry(alarm, project, 'alarm'), entry(alarm, project, 'ok')]);

      expect((await collect(counters.list({ projectId: project })))[0]?.state_counters).toEqual({ ...zeros, alarm: 2, ok: 1 });
    });

    it('lists one project by project, and every project without a scope', async () => {
      const { counters } = await make();
      const [a, b] = [`p-${randomUUID()}`, `p-${randomUUID()}`];
      const [a1, a2, b1] = [randomUUID(), randomUUID(), randomUUID()];
      await counters.increment([entry(a1, a, 'ok'), entry(a2, a, 'alarm'), entry(b1, b, 'insufficient data')]);

      expect(byId(await collect(counters.list({ projectId: a }))).map((row) => row.alarm_id)).toEqual([a1, a2].sort());
      expect((await collect(counters.list({ projectId: b }))).map((row) => row.alarm_id)).toEqual([b1]);
      expect(await collect(counters.list({ projectId: `p-${randomUUID()}` }))).toEqual([]);
      const all = (await collect(counters.list({}))).map((row) => row.alarm_id);
      expect(all).toEqual(expect.arrayContaining([a1, a2, b1]));
    });

    it('keeps the empty project apart (Aodh allows project_id "")', async () => {
      const { counters } = await make();
      const alarm = randomUUID();
      await counters.increment([entry(alarm, '', 'ok')]);

      expect((await collect(counters.list({ projectId: '' }))).map((row) => row.alarm_id)).toContain(alarm);
    });

    it("follows the alarm's project when it moves", async () => {
      const { counters } = await make();
      const [from, to, alarm] = [`p-${randomUUID()}`, `p-${randomUUID()}`, randomUUID()];
      await counters.increment([entry(alarm, from, 'ok')]);
      await counters.increment([entry(alarm, to, 'ok')]);

      expect(await collect(counters.list({ projectId: from }))).toEqual([]);
      expect(await collect(counters.list({ projectId: to }))).toEqual([{ alarm_id: alarm, project_id: to, state_counters: { ...zeros, ok: 2 } }]);
    });

    it('reaches the maximum, then wraps back to 1; other states are untouched', async () => {
      const { counters, seed } = await make();
      const [project, alarm] = [`p-${randomUUID()}`, randomUUID()];
      await seed(alarm, project, 'ok', MAX_COUNTER_VALUE - 1);
      await seed(alarm, project, 'alarm', 7);
      const okCount = async () => (await collect(counters.list({ projectId: project })))[0]?.state_counters;

      await counters.increment([entry(alarm, project, 'ok')]);
      expect(await okCount()).toEqual({ ...zeros, ok: MAX_COUNTER_VALUE, alarm: 7 });

      await counters.increment([entry(alarm, project, 'ok'), entry(alarm, project, 'alarm')]);
      expect(await okCount()).toEqual({ ...zeros, ok: 1, alarm: 8 });
    });

    it('wraps a batch that passes the maximum to where it would have been', async () => {
      const { counters, seed } = await make();
      const [project, alarm] = [`p-${randomUUID()}`, randomUUID()];
      await seed(alarm, project, 'insufficient data', MAX_COUNTER_VALUE - 1);

      await counters.increment([1, 2, 3].map(() => entry(alarm, project, 'insufficient data')));

      expect((await collect(counters.list({ projectId: project })))[0]?.state_counters).toEqual({ ...zeros, 'insufficient data': 2 });
    });

    it('loses no concurrent increment, across the wrap point too', async () => {
      const { counters, seed } = await make();
      const [project, steady, wrapping] = [`p-${randomUUID()}`, randomUUID(), randomUUID()];
      await seed(wrapping, project, 'alarm', MAX_COUNTER_VALUE - 3);

      await Promise.all(Array.from({ length: 6 }, () => counters.increment([entry(steady, project, 'ok'), entry(wrapping, project, 'alarm')])));

      const rows = await collect(counters.list({ projectId: project }));
      expect(rows.find((row) => row.alarm_id === steady)?.state_counters.ok).toBe(6);
      expect(rows.find((row) => row.alarm_id === wrapping)?.state_counters.alarm).toBe(3);
    });

    it("deletes one alarm's counters, and nothing else; deleting none is fine", async () => {
      const { counters } = await make();
      const [project, gone, kept] = [`p-${randomUUID()}`, randomUUID(), randomUUID()];
      await counters.increment([entry(gone, project, 'ok'), entry(kept, project, 'ok')]);

      await counters.deleteFor(gone);
      await counters.deleteFor(randomUUID());

      expect((await collect(counters.list({ projectId: project }))).map((row) => row.alarm_id)).toEqual([kept]);
      expect((await collect(counters.list({}))).map((row) => row.alarm_id)).not.toContain(gone);
    });

    it('never brings back the counters of a deleted alarm: a late increment is dropped (issue 11 A13)', async () => {
      const { counters } = await make();
      const [project, gone, kept] = [`p-${randomUUID()}`, randomUUID(), randomUUID()];
      await counters.increment([entry(gone, project, 'ok')]);

      await counters.deleteFor(gone);
      // An evaluator that read the alarm before the delete, and counts after it.
      await counters.increment([entry(gone, project, 'alarm'), entry(kept, project, 'ok')]);
      await counters.increment([entry(gone, project, 'alarm'), entry(gone, project, 'ok')]);

      expect((await collect(counters.list({ projectId: project }))).map((row) => row.alarm_id)).toEqual([kept]);
      expect((await collect(counters.list({}))).map((row) => row.alarm_id)).not.toContain(gone);
      await counters.deleteFor(gone);
    });

    it('does nothing for an empty batch', async () => {
      const { counters } = await make();
      await expect(counters.increment([])).resolves.toBeUndefined();
    });
  });
}
