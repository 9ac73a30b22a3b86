import { afterEach, describe, expect, it, vi } from 'vitest';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';
import { logger } from '../../../shared/observability/logger.js';
import { evaluateShard } from '../../../shared/services/evaluation/evaluate-shard.js';
import { collect } from '../../../shared/services/paging.js';
import { evaluatorOnEmulator, prometheusAlarm, shardFor } from '../../support/evaluator-harness.js';

afterEach(() => vi.restoreAllMocks());

describe('evaluator faults, on DynamoDB Local', () => {
  it('delivers a transition whose enqueue failed after the state write, later and exactly once', async () => {
    const { deps, store, queue, prometheus, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('up_hot'));
    prometheus.answers.set('up_hot', [95]);
    const shard = shardFor(alarm);

    queue.failNext(1);
    const first = await evaluateShard(deps, shard, new Date());
    expect(first.outcomes).toEqual({ 'queued-later': 1 });
    expect((await store.getAlarm(alarm.alarm_id))?.state).toBe('alarm');
    expect(queue.messages()).toEqual([]);
    expect(await collect(store.listPendingTransitions(shard))).toHaveLength(1);

    const second = await evaluateShard(deps, shard, new Date());
    expect(second.resent).toBe(1);
    expect(second.outcomes).toEqual({});
    const third = await evaluateShard(deps, shard, new Date());
    expect(third.resent).toBe(0);

    expect(queue.messages()).toEqual([expect.objectContaining({ alarm_id: alarm.alarm_id, previous: 'insufficient data', current: 'alarm', actions: ['http://receiver.example/alarm'] })]);
    expect(await collect(store.listPendingTransitions(shard))).toEqual([]);
    destroy();
  });

  it('records one transition when two evaluators run the same shard at once', async () => {
    const { deps, store, queue, prometheus, destroy } = await evaluatorOnEmulator();
    const alarms = await Promise.all(Array.from({ length: 5 }, () => store.createAlarm(prometheusAlarm('load_hot'))));
    prometheus.answers.set('load_hot', [99]);
    const shards = [...new Set(alarms.map(shardFor))];
    await Promise.all(shards.flatMap((shard) => [evaluateShard(deps, shard, new Date()), evaluateShard(deps, shard, new Date())]));
    for (const alarm of alarms) {
      const transitions = (await collect(store.listHistory({ alarmId: alarm.alarm_id }))).filter((row) => row.type === 'state transition');
      expect(transitions).toHaveLength(1);
      expect(queue.messages().filter((message) => message.alarm_id === alarm.alarm_id)).toHaveLength(1);
    }
    destroy();
  });

  it('leaves the state alone and logs the alarm id when the metric source is down', async () => {
    const { deps, store, queue, prometheus, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('down_metric', { state: 'ok' }));
    prometheus.answers.set('down_metric', new MetricSourceUnavailableError('prometheus did not answer'));
    const warnings = vi.spyOn(logger, 'warn');
    const report = await evaluateShard(deps, shardFor(alarm), new Date());
    expect(report.failed).toBe(1);
    expect(await store.getAlarm(alarm.alarm_id)).toEqual(alarm);
    expect(queue.messages()).toEqual([]);
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('state unchanged'), expect.objectContaining({ alarm_id: alarm.alarm_id, reason: 'prometheus did not answer' }));
    destroy();
  });

  it('writes nothing when no state changes', async () => {
    const { deps, store, prometheus, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('steady', { state: 'ok' }));
    prometheus.answers.set('steady', [10]);
    await evaluateShard(deps, shardFor(alarm), new Date());
    expect(await store.getAlarm(alarm.alarm_id)).toEqual(alarm);
    expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([]);
    destroy();
  });
});
