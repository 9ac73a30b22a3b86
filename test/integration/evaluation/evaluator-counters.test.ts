import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlarmState } from '../../../shared/domain/alarm.js';
import { logger } from '../../../shared/observability/logger.js';
import { MAX_COUNTER_VALUE, type EvaluationCounters } from '../../../shared/ports/evaluation-counters.js';
import { evaluateShard } from '../../../shared/services/evaluation/evaluate-shard.js';
import { collect } from '../../../shared/services/paging.js';
import { makeAlarm } from '../../support/alarm-factory.js';
import { evaluatorOnEmulator, prometheusAlarm, shardFor } from '../../support/evaluator-harness.js';

afterEach(() => vi.restoreAllMocks());

const zeros = { 'insufficient data': 0, ok: 0, alarm: 0 };

async function countersOf(counters: EvaluationCounters, alarmId: string): Promise<Record<AlarmState, number> | undefined> {
  return (await collect(counters.list({}))).find((row) => row.alarm_id === alarmId)?.state_counters;
}

describe('evaluation counters, on DynamoDB Local (§3.3.6)', () => {
  it('counts every unequivocal result, whether or not the state changed', async () => {
    const { deps, store, prometheus, counters, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('hot'));
    const cycle = () => evaluateShard({ ...deps, counters }, shardFor(alarm), new Date());

    prometheus.answers.set('hot', [95]);
    expect((await cycle()).outcomes).toEqual({ transitioned: 1 });
    // The state holds: no decision, nothing written, but the result is counted.
    expect((await cycle()).outcomes).toEqual({});
    prometheus.answers.set('hot', [10]);
    await cycle();

    expect(await countersOf(counters, alarm.alarm_id)).toEqual({ ...zeros, alarm: 2, ok: 1 });
    expect(await collect(counters.list({ projectId: alarm.project_id }))).toHaveLength(1);
    destroy();
  });

  it('counts insufficient data, also when it is the state already', async () => {
    const { deps, store, prometheus, counters, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('silent', { state: 'ok' }));
    prometheus.answers.set('silent', []);

    await evaluateShard({ ...deps, counters }, shardFor(alarm), new Date());
    await evaluateShard({ ...deps, counters }, shardFor(alarm), new Date());

    expect((await store.getAlarm(alarm.alarm_id))?.state).toBe('insufficient data');
    expect(await countersOf(counters, alarm.alarm_id)).toEqual({ ...zeros, 'insufficient data': 2 });
    destroy();
  });

  it('counts neither trending results (even one that transitions) nor composite alarms', async () => {
    const { deps, store, prometheus, counters, destroy } = await evaluatorOnEmulator();
    const trending = await store.createAlarm(prometheusAlarm('mixed'));
    const composite = await store.createAlarm(
      makeAlarm({ type: 'composite', rule: { or: [{ type: 'prometheus', query: 'steady_hot', threshold: 80, comparison_operator: 'gt' }] } }),
    );
    prometheus.answers.set('mixed', [10, 95]);
    prometheus.answers.set('steady_hot', [99]);

    for (const alarm of [trending, composite]) {
      const report = await evaluateShard({ ...deps, counters }, shardFor(alarm), new Date());
      expect(report.outcomes.transitioned).toBeGreaterThanOrEqual(1);
    }

    expect((await store.getAlarm(trending.alarm_id))?.state).toBe('alarm');
    expect((await store.getAlarm(composite.alarm_id))?.state).toBe('alarm');
    expect(await collect(counters.list({}))).toEqual([]);
    destroy();
  });

  it('wraps a counter at 2,000,000,000 back to 1', async () => {
    const { deps, store, prometheus, counters, documents, tables, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('cool', { state: 'ok' }));
    prometheus.answers.set('cool', [5]);
    await counters.increment([{ alarmId: alarm.alarm_id, projectId: alarm.project_id, state: 'alarm' }]);
    // Reaching the maximum by evaluation would take 2e9 cycles: start one short of it.
    await documents.send(
      new UpdateCommand({
        TableName: tables.counters,
        Key: { alarm_id: alarm.alarm_id },
        UpdateExpression: 'SET ok = :v',
        ExpressionAttributeValues: { ':v': MAX_COUNTER_VALUE - 1 },
      }),
    );
    const cycle = () => evaluateShard({ ...deps, counters }, shardFor(alarm), new Date());

    await cycle();
    expect((await countersOf(counters, alarm.alarm_id))?.ok).toBe(MAX_COUNTER_VALUE);
    await cycle();
    expect(await countersOf(counters, alarm.alarm_id)).toEqual({ ...zeros, ok: 1, alarm: 1 });
    destroy();
  });

  it('touches no counter when metrics are off (the default), and still writes nothing when no state changes', async () => {
    const { deps, store, prometheus, counters, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('steady', { state: 'ok' }));
    prometheus.answers.set('steady', [10]);

    expect(deps.counters).toBeUndefined();
    await evaluateShard(deps, shardFor(alarm), new Date());

    expect(await store.getAlarm(alarm.alarm_id)).toEqual(alarm);
    expect(await collect(store.listHistory({ alarmId: alarm.alarm_id }))).toEqual([]);
    expect(await collect(counters.list({}))).toEqual([]);
    destroy();
  });

  it('increments once per cycle for all alarms, after evaluating them', async () => {
    const { deps, store, prometheus, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('batch_hot'));
    prometheus.answers.set('batch_hot', [99]);
    const increment = vi.fn(async () => undefined);
    const spy: EvaluationCounters = { increment, list: async function* () {}, deleteFor: async () => undefined };

    await evaluateShard({ ...deps, counters: spy }, shardFor(alarm), new Date());

    expect(increment).toHaveBeenCalledTimes(1);
    expect(increment).toHaveBeenCalledWith(expect.arrayContaining([{ alarmId: alarm.alarm_id, projectId: alarm.project_id, state: 'alarm' }]));
    destroy();
  });

  it('logs and goes on when the counters cannot be written: the transition still happens', async () => {
    const { deps, store, queue, prometheus, destroy } = await evaluatorOnEmulator();
    const alarm = await store.createAlarm(prometheusAlarm('counted_hot'));
    prometheus.answers.set('counted_hot', [99]);
    const broken: EvaluationCounters = {
      increment: async () => {
        throw new Error('throttled');
      },
      list: async function* () {},
      deleteFor: async () => undefined,
    };
    const errors = vi.spyOn(logger, 'error');

    const report = await evaluateShard({ ...deps, counters: broken }, shardFor(alarm), new Date());

    expect(report).toMatchObject({ failed: 0, outcomes: { transitioned: 1 } });
    expect(queue.messages()).toHaveLength(1);
    expect(errors).toHaveBeenCalledWith('evaluation counters not updated for this cycle', expect.objectContaining({ shard: shardFor(alarm) }));
    destroy();
  });
});
