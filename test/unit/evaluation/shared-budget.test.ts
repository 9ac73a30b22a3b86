import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MemoryAlarmStore } from '../../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../../shared/adapters/memory/memory-transition-queue.js';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import { shardOf, VIRTUAL_SHARDS } from '../../../shared/domain/shard.js';
import type { PrometheusSource } from '../../../shared/metric-sources/prometheus/query.js';
import { evaluateShards, type EvaluatorDeps } from '../../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../../support/alarm-factory.js';

/** A stand-in Prometheus answering after `latencyMs`, counting the reads in flight (no real one can be made this slow on cue). */
function slowPrometheus(latencyMs: number): PrometheusSource & { peak: () => number; reads: () => number } {
  let inFlight = 0;
  let peak = 0;
  let reads = 0;
  return {
    peak: () => peak,
    reads: () => reads,
    async read() {
      inFlight += 1;
      reads += 1;
      peak = Math.max(peak, inFlight);
      await delay(latencyMs);
      inFlight -= 1;
      return [1];
    },
  };
}

describe('one concurrency budget per invocation, across its shards', () => {
  it('keeps about `concurrency` reads in flight when 1,000 alarms are spread thinly over all 256 shards', async () => {
    const store = new MemoryAlarmStore({ shardOf, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
    for (let index = 0; index < 1_000; index++) {
      // Distinct series, so the per-cycle coalescing cannot hide a read.
      await store.createAlarm(makeAlarm({ type: 'prometheus', state: 'ok', rule: { query: `m{series="${index}"}`, threshold: 5, comparison_operator: 'gt' } }));
    }
    const prometheus = slowPrometheus(20);
    const deps: EvaluatorDeps = {
      store, queue: new MemoryTransitionQueue(), clock: { now: () => new Date() }, newId: randomUUID,
      serviceIdentity: { userId: 'aodh', projectId: 'service' }, alarmTypes, sources: { prometheus }, additionalIngestionLag: 0, concurrency: 100,
    };

    const reports = await evaluateShards(deps, Array.from({ length: VIRTUAL_SHARDS }, (_, shard) => shard), new Date());

    expect(reports.reduce((sum, report) => sum + report.evaluated, 0)).toBe(1_000);
    expect(prometheus.reads()).toBe(1_000);
    // A budget per shard, four shards at a time, had at most 4 × (alarms per shard, ~4) = 16 in flight.
    expect(prometheus.peak()).toBeGreaterThanOrEqual(90);
    expect(prometheus.peak()).toBeLessThanOrEqual(100);
  });
});
