import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../shared/domain/alarm.js';
import { GnocchiHttpSource } from '../../shared/metric-sources/gnocchi/source.js';
import { evaluateShard } from '../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../support/alarm-factory.js';
import { type EvaluatorOnEmulator, evaluatorOnEmulator, shardFor } from '../support/evaluator-harness.js';
import { GNOCCHI_ADMIN_HEADERS } from '../support/gnocchi.js';
import { perMinute, sharedGnocchi } from '../support/gnocchi-seed.js';

/**
 * The evaluator (evaluateShard, on DynamoDB Local) reading the real Gnocchi 4.4 over HTTP: each of
 * the three gnocchi alarm types reaches the state its data calls for, with Aodh's reason.
 */
describe('the evaluator on the real Gnocchi 4.4', () => {
  let evaluator: EvaluatorOnEmulator;
  const group = `g-${randomUUID().slice(0, 8)}`;
  const hot = randomUUID();
  let metricIds: string[] = [];

  beforeAll(async () => {
    const gnocchi = await sharedGnocchi();
    evaluator = await evaluatorOnEmulator();
    evaluator.deps.sources = { ...evaluator.deps.sources, gnocchi: new GnocchiHttpSource({ baseUrl: gnocchi.url, authHeaders: GNOCCHI_ADMIN_HEADERS }) };
    const policy = await gnocchi.archivePolicy(['mean', 'max']);
    await gnocchi.resourceType('instance', { server_group: { type: 'string', required: false } });
    // One point a minute from ten minutes back to five ahead: whatever minute the evaluation
    // runs in (a test may cross a minute boundary), its one-period window holds a point.
    const firstMinute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000).toISOString().slice(0, 19);
    const seed = async (id: string, value: number, attributes: Record<string, string> = {}) => {
      const metric = (await gnocchi.resource('instance', id, { cpu_util: policy }, attributes)).cpu_util ?? '';
      await gnocchi.measures(metric, perMinute(firstMinute, new Array<number>(16).fill(value)));
      return metric;
    };
    metricIds = await Promise.all([seed(hot, 95), seed(randomUUID(), 85)]);
    await Promise.all([seed(randomUUID(), 10, { server_group: group }), seed(randomUUID(), 30, { server_group: group })]);
  }, 120_000);
  afterAll(() => evaluator?.destroy());

  const common = { comparison_operator: 'gt', aggregation_method: 'mean', granularity: 60, evaluation_periods: 1 };
  const evaluated = async (alarm: Alarm) => {
    const created = await evaluator.store.createAlarm(alarm);
    await evaluateShard(evaluator.deps, shardFor(created), new Date());
    return evaluator.store.getAlarm(created.alarm_id);
  };
  const transitionsOf = (alarmId: string) => evaluator.queue.messages().filter((message) => message.alarm_id === alarmId).map((message) => message.current);

  it('moves a gnocchi_resources_threshold alarm to alarm, on a resource_type Gnocchi knows only by another name', async () => {
    const alarm = makeAlarm({ type: 'gnocchi_resources_threshold', rule: { ...common, threshold: 80, metric: 'cpu_util', resource_id: hot, resource_type: 'nova_server' } });
    const after = await evaluated(alarm);
    expect(after).toMatchObject({ state: 'alarm', state_reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 95.0' });
    expect(transitionsOf(alarm.alarm_id)).toEqual(['alarm']);
  });

  it('moves a gnocchi_aggregation_by_metrics_threshold alarm over two metrics to alarm on their mean', async () => {
    const alarm = makeAlarm({ type: 'gnocchi_aggregation_by_metrics_threshold', rule: { ...common, threshold: 80, metrics: metricIds } });
    expect(await evaluated(alarm)).toMatchObject({ state: 'alarm', state_reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 90.0' });
  });

  it('moves a gnocchi_aggregation_by_resources_threshold alarm to ok on the mean of the resources its search finds', async () => {
    const rule = { ...common, threshold: 50, metric: 'cpu_util', resource_type: 'instance', query: JSON.stringify({ '=': { server_group: group } }) };
    const alarm = makeAlarm({ type: 'gnocchi_aggregation_by_resources_threshold', rule });
    expect(await evaluated(alarm)).toMatchObject({ state: 'ok', state_reason: 'Transition to ok due to 1 samples inside threshold, most recent: 20.0' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a resource Gnocchi does not have', { metric: 'cpu_util', resource_id: 'vm-gone', resource_type: 'instance' }, 'resource vm-gone does not exists'],
    ['a metric the resource does not have', { metric: 'memory', resource_id: hot, resource_type: 'instance' }, `metric memory for resource ${hot} does not exists`],
  ])('moves an ok gnocchi_resources_threshold alarm on %s to insufficient data', async (_, selector, reason) => {
    const alarm = makeAlarm({ type: 'gnocchi_resources_threshold', state: 'ok', rule: { ...common, threshold: 80, ...selector } });
    expect(await evaluated(alarm)).toMatchObject({ state: 'insufficient data', state_reason: reason });
  });
});
