import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryAlarmStore } from '../../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../../shared/adapters/memory/memory-transition-queue.js';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import { shardOf, VIRTUAL_SHARDS } from '../../../shared/domain/shard.js';
import type { PrometheusSource } from '../../../shared/metric-sources/prometheus/query.js';
import { evaluateShards, type EvaluatorDeps } from '../../../shared/services/evaluation/evaluate-shard.js';
import { spreadOffsetMs, spreadWindowMs } from '../../../shared/services/evaluation/spread.js';
import { readSetting } from '../../../shared/settings/setting.js';
import { SETTINGS } from '../../../shared/settings/table.js';
import { makeAlarm } from '../../support/alarm-factory.js';

const INTERVAL_MS = 60_000;
const ALARMS = 1_000;
const BUCKETS = 20;
const ALL_SHARDS = Array.from({ length: VIRTUAL_SHARDS }, (_, shard) => shard);

/**
 * Virtual time: sleeps are timers that `drive` fires in order, each once every microtask and
 * immediate before it has run, so a minute-long spread takes milliseconds and is exact.
 */
function virtualTime(start: number) {
  let now = start;
  const timers: Array<{ at: number; fire: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((fire) => timers.push({ at: now + ms, fire })),
    async drive<T>(work: Promise<T>): Promise<T> {
      let done = false;
      void work.finally(() => (done = true)).catch(() => undefined);
      for (await settle(); !done; await settle()) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.fire();
      }
      return work;
    },
  };
}

async function setUp(spreadPercent: number) {
  const store = new MemoryAlarmStore({ shardOf, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
  const ids: string[] = [];
  for (let index = 0; index < ALARMS; index++) {
    // Distinct series: the per-cycle coalescing must not hide a read.
    const alarm = await store.createAlarm(makeAlarm({ type: 'prometheus', state: 'ok', rule: { query: `m{series="${index}"}`, threshold: 5, comparison_operator: 'gt' } }));
    ids.push(alarm.alarm_id);
  }
  const time = virtualTime(Date.parse('2026-01-01T00:00:00Z'));
  const reads: Array<{ query: string; at: number }> = [];
  const prometheus: PrometheusSource = { read: async ({ query }) => (reads.push({ query, at: time.now() }), [1]) };
  const deps: EvaluatorDeps = {
    store, queue: new MemoryTransitionQueue(), clock: { now: () => new Date(time.now()) }, newId: randomUUID,
    serviceIdentity: { userId: 'aodh', projectId: 'service' }, alarmTypes, sources: { prometheus }, additionalIngestionLag: 0, concurrency: 100,
    spreadMs: spreadWindowMs(INTERVAL_MS / 1000, spreadPercent), sleep: time.sleep,
  };
  /** One cycle at the current virtual time; the reads' times relative to its start. */
  const cycle = async () => {
    const start = time.now();
    reads.length = 0;
    const reports = await time.drive(evaluateShards(deps, ALL_SHARDS, new Date(start)));
    expect(reports.reduce((sum, report) => sum + report.evaluated, 0)).toBe(ALARMS);
    return new Map(reads.map(({ query, at }) => [query, at - start]));
  };
  return { cycle, time, ids };
}

function buckets(offsets: Iterable<number>): number[] {
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const offset of offsets) counts[Math.min(BUCKETS - 1, Math.floor((offset / INTERVAL_MS) * BUCKETS))]! += 1;
  return counts;
}

describe('EVALUATION_SPREAD_PERCENT', () => {
  it('at 90 %, spreads one interval of reads smoothly (peak ≤ 2 × mean per 1/20 bucket), all within the window', async () => {
    const { cycle } = await setUp(90);
    const offsets = await cycle();
    expect(offsets.size).toBe(ALARMS);
    const counts = buckets(offsets.values());
    const mean = ALARMS / BUCKETS;
    expect(Math.max(...counts) / mean).toBeLessThanOrEqual(2);
    expect(Math.max(...offsets.values())).toBeLessThan(0.9 * INTERVAL_MS);
    // The last 10 % stays free for the round's writes.
    expect(counts.slice(18)).toEqual([0, 0]);
  });

  it('keeps every alarm at the same offset from one cycle to the next', async () => {
    const { cycle, time } = await setUp(50);
    const first = await cycle();
    await time.drive(time.sleep(INTERVAL_MS - time.now() % INTERVAL_MS));
    const second = await cycle();
    expect([...second.entries()]).toEqual([...first.entries()]);
    expect(new Set(first.values()).size).toBeGreaterThan(ALARMS * 0.9);
  });

  it('at 0 % (the default), reads everything at the tick, as before', async () => {
    const { cycle } = await setUp(SETTINGS.evaluationSpreadPercent.default);
    const offsets = await cycle();
    expect(buckets(offsets.values())[0]).toBe(ALARMS);
    expect(Math.max(...offsets.values())).toBe(0);
  });

  it('offsets are stable, in [0, window) and independent of the shard bits', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `alarm-${i}`);
    for (const id of ids) {
      expect(spreadOffsetMs(id, 54_000)).toBe(spreadOffsetMs(id, 54_000));
      expect(spreadOffsetMs(id, 54_000)).toBeGreaterThanOrEqual(0);
      expect(spreadOffsetMs(id, 54_000)).toBeLessThan(54_000);
    }
    // One shard group (16 contiguous shards of 256) still spans the whole window.
    const group = ids.filter((id) => shardOf(id) < 16).map((id) => spreadOffsetMs(id, 54_000));
    expect(Math.min(...group)).toBeLessThan(10_000);
    expect(Math.max(...group)).toBeGreaterThan(44_000);
  });

  it('refuses more than 90 % naming the variable', () => {
    expect(readSetting({ EVALUATION_SPREAD_PERCENT: '90' }, SETTINGS.evaluationSpreadPercent)).toBe(90);
    expect(() => readSetting({ EVALUATION_SPREAD_PERCENT: '95' }, SETTINGS.evaluationSpreadPercent)).toThrow('environment variable EVALUATION_SPREAD_PERCENT must be at most 90, got 95');
  });
});
