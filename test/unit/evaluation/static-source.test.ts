import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryAlarmStore } from '../../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../../shared/adapters/memory/memory-transition-queue.js';
import type { AlarmTypePlugin, AlarmTypeRegistry } from '../../../shared/alarm-types/plugin.js';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import { parseRuleObject } from '../../../shared/alarm-types/rule-object.js';
import type { Alarm } from '../../../shared/domain/alarm.js';
import { comparisonFields } from '../../../shared/evaluation/comparison.js';
import { sourceFor } from '../../../shared/evaluation/read-source.js';
import { comparisonOf, numberField, stringField } from '../../../shared/evaluation/rule-fields.js';
import { classifyPeriods, fromSource } from '../../../shared/evaluation/threshold.js';
import { buildMetricSources } from '../../../shared/metric-sources/registry.js';
import { STATIC } from '../../../shared/metric-sources/static/query.js';
import { evaluateShard, type EvaluatorDeps } from '../../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../../support/alarm-factory.js';

/**
 * A tiny threshold type over the static source, registered by this test only (the API's
 * types stay Aodh's): what docs/extending.md's alarm-type recipe produces, in one object.
 */
const staticThreshold: AlarmTypePlugin = {
  type: 'static_threshold',
  trigger: 'scheduled',
  composable: true,
  source: STATIC.name,
  parseRule: (input) =>
    parseRuleObject('static_threshold', input, {
      ...comparisonFields,
      series: { type: 'string', mandatory: true },
      evaluation_periods: { type: 'int', min: 1, max: 100, default: 1 },
    }),
  async evaluateThreshold(rule, context) {
    const source = sourceFor(context.sources, STATIC);
    const periods = numberField(rule, 'evaluation_periods');
    const fetched = await fromSource(() => source.read({ series: stringField(rule, 'series') }), periods);
    if (!fetched.ok) return fetched.outcome;
    return classifyPeriods(fetched.value, { ...comparisonOf(rule), evaluation_periods: periods });
  },
};

const types: AlarmTypeRegistry = { ...alarmTypes, static_threshold: staticThreshold };

function evaluator(datapoints: Record<string, number[]>): { deps: EvaluatorDeps; store: MemoryAlarmStore; queue: MemoryTransitionQueue } {
  const store = new MemoryAlarmStore({
    shardOf: () => 0,
    isScheduledType: (type) => types[type]?.trigger === 'scheduled',
    isEventType: (type) => types[type]?.trigger === 'event',
  });
  const queue = new MemoryTransitionQueue();
  const deps: EvaluatorDeps = {
    store,
    queue,
    clock: { now: () => new Date() },
    newId: randomUUID,
    serviceIdentity: { userId: 'aodh', projectId: 'service' },
    alarmTypes: types,
    sources: buildMetricSources({ staticDatapoints: datapoints }),
    additionalIngestionLag: 0,
    concurrency: 4,
  };
  return { deps, store, queue };
}

function staticAlarm(rule: Record<string, unknown>, overrides: Partial<Alarm> = {}): Alarm {
  return makeAlarm({ type: 'static_threshold', description: 'static', rule: staticThreshold.parseRule(rule), alarm_actions: ['log://'], insufficient_data_actions: ['log://'], ...overrides });
}

describe('an alarm on the static metric source, through the evaluator', () => {
  it('transitions to alarm when its last periods breach, and queues the notification', async () => {
    const { deps, store, queue } = evaluator({ cpu: [20, 91, 95] });
    const alarm = await store.createAlarm(staticAlarm({ series: 'cpu', threshold: 90, comparison_operator: 'gt', evaluation_periods: 2 }));

    const report = await evaluateShard(deps, 0, new Date());

    expect(report).toMatchObject({ evaluated: 1, failed: 0, outcomes: { transitioned: 1 } });
    expect((await store.getAlarm(alarm.alarm_id))?.state).toBe('alarm');
    expect(queue.messages()).toEqual([
      expect.objectContaining({
        alarm_id: alarm.alarm_id,
        previous: 'insufficient data',
        current: 'alarm',
        reason: 'Transition to alarm due to 2 samples outside threshold, most recent: 95.0',
        reason_data: { type: 'threshold', disposition: 'outside', count: 2, most_recent: 95 },
      }),
    ]);
  });

  it('turns an unknown series into insufficient data with the source reason', async () => {
    const { deps, store } = evaluator({ cpu: [1] });
    const alarm = await store.createAlarm(staticAlarm({ series: 'disk', threshold: 1 }, { state: 'ok' }));

    await evaluateShard(deps, 0, new Date());

    expect(await store.getAlarm(alarm.alarm_id)).toMatchObject({ state: 'insufficient data', state_reason: 'static series disk does not exist' });
  });

  it('leaves the alarm as it is when no static source is configured', async () => {
    const { deps, store } = evaluator({});
    const alarm = await store.createAlarm(staticAlarm({ series: 'cpu', threshold: 1 }, { state: 'ok' }));

    const report = await evaluateShard({ ...deps, sources: buildMetricSources({}) }, 0, new Date());

    expect(report).toMatchObject({ evaluated: 1, failed: 1, outcomes: {} });
    expect((await store.getAlarm(alarm.alarm_id))?.state).toBe('ok');
  });
});
