import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { DynamoAlarmStore, documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { MemoryTransitionQueue } from '../../shared/adapters/memory/memory-transition-queue.js';
import { alarmTypes } from '../../shared/alarm-types/registry.js';
import type { Alarm } from '../../shared/domain/alarm.js';
import { PrometheusHttpSource } from '../../shared/metric-sources/prometheus/source.js';
import type { AlarmStore } from '../../shared/ports/alarm-store.js';
import type { PrometheusSource } from '../../shared/metric-sources/prometheus/query.js';
import { evaluateAlarm } from '../../shared/services/evaluation/evaluate-alarm.js';
import { evaluateShard, type EvaluatorDeps } from '../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../support/alarm-factory.js';
import { startPrometheus } from '../support/prometheus.js';
import { round, rssSampler, timedPool } from './stats.js';

const ALARMS = 10_000;
const SERIES = 1_000;
const SERIAL_SAMPLE = 1_000;
const BIG_SHARD = 100_000;
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

function benchAlarm(index: number): Alarm {
  // 10 alarms per series with different thresholds: realistic (several alarms watch one metric).
  return makeAlarm({
    type: 'prometheus',
    description: 'prometheus alarm rule',
    state: 'ok',
    alarm_actions: ['http://receiver.example/alarm'],
    rule: { query: `bench_metric{series="${index % SERIES}"}`, threshold: 1_000 + index, comparison_operator: 'gt' },
  });
}

/** A store whose one shard holds `count` alarms generated page by page, to measure the evaluator's own memory. */
function generatedShard(count: number): AlarmStore {
  const store = {
    async *listShardAlarms() {
      for (let index = 0; index < count; index++) yield { ...benchAlarm(index), alarm_id: `a-${index}`, version: 1 };
    },
    async *listPendingTransitions() {},
  };
  return store as unknown as AlarmStore;
}

function deps(store: AlarmStore, sources: EvaluatorDeps['sources'], concurrency: number): EvaluatorDeps {
  return { store, queue: new MemoryTransitionQueue(), clock: { now: () => new Date() }, newId: randomUUID, serviceIdentity: { userId: 'aodh', projectId: 'service' }, alarmTypes, sources, additionalIngestionLag: 0, concurrency };
}

/**
 * The baseline: Aodh's evaluator loop (§3.1, active/active mode) on the same store and the
 * same Prometheus: one alarm at a time, re-read, take the evaluate_timestamp compare-and-swap
 * lock (one write per alarm per cycle), one query per alarm, evaluate. Sampled.
 */
async function aodhStyleSerialLoop(store: AlarmStore, documents: DynamoDBDocumentClient, table: string, source: PrometheusSource, sample: number): Promise<number> {
  const plugin = alarmTypes.prometheus;
  if (!plugin) throw new Error('prometheus type missing');
  let evaluated = 0;
  for await (const listed of store.listShardAlarms(0)) {
    if (evaluated >= sample) break;
    const alarm = await store.getAlarm(listed.alarm_id);
    if (!alarm) continue;
    const now = new Date();
    await documents.send(
      new UpdateCommand({
        TableName: table,
        Key: { alarm_id: alarm.alarm_id },
        UpdateExpression: 'SET evaluate_timestamp = :now',
        ConditionExpression: 'evaluate_timestamp = :read',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':read': alarm.evaluate_timestamp },
      }),
    );
    await evaluateAlarm(alarm, plugin, { now, sources: { prometheus: source }, additionalIngestionLag: 0 });
    evaluated++;
  }
  return evaluated;
}

/**
 * 10,000 prometheus alarms in one shard on DynamoDB Local against the real Prometheus:
 * alarms/s and DynamoDB writes of a steady-state cycle, Aodh's serial loop over the same
 * alarms (sampled), and peak RSS of a 100,000-alarm shard streamed through the
 * evaluator (metric reads answered in memory, so only the evaluator's footprint counts).
 */
export async function benchEvaluator() {
  const rss = rssSampler();
  // Every value under its threshold: alarms stay `ok`, as most alarms do most of the time.
  const steadyPrometheus = { read: async () => [1] };
  const big = await evaluateShard(deps(generatedShard(BIG_SHARD), { prometheus: steadyPrometheus }, 100), 0, new Date());
  const bigShardPeakRss = rss.peakMb();

  const gauges = Array.from({ length: SERIES }, (_, series) => ({ name: 'bench_metric', labels: { series: String(series) }, value: series }));
  const [dynamo, prometheus] = await Promise.all([startDynamoDbLocal(), startPrometheus({ gauges })]);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let writes = 0;
  client.middlewareStack.add((next, context) => async (args) => {
    if (WRITES.has(context.commandName ?? '')) writes++;
    return next(args);
  }, { step: 'initialize', name: 'countWrites' });
  try {
    const tables = tableNamesFor('bench');
    await createTables(client, tables);
    const store = new DynamoAlarmStore({ client: documentClientFor(client), tables, shardOf: () => 0, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
    await timedPool(ALARMS, 32, async (index) => void (await store.createAlarm(benchAlarm(index))));
    const source = new PrometheusHttpSource({ baseUrl: prometheus.url });
    const parallel = deps(store, { prometheus: source }, 100);

    await evaluateShard(parallel, 0, new Date());
    writes = 0;
    let started = performance.now();
    const steady = await evaluateShard(parallel, 0, new Date());
    const parallelSeconds = (performance.now() - started) / 1000;
    const steadyWrites = writes;

    started = performance.now();
    const serialEvaluated = await aodhStyleSerialLoop(store, documentClientFor(client), tables.alarms, source, SERIAL_SAMPLE);
    const serialSeconds = (performance.now() - started) / 1000;

    const perSecond = round(steady.evaluated / parallelSeconds, 0);
    const serialPerSecond = round(serialEvaluated / serialSeconds, 0);
    const result = {
      alarms: steady.evaluated,
      failed: steady.failed,
      alarms_per_s: perSecond,
      cycle_s: round(parallelSeconds),
      dynamodb_writes_steady_cycle: steadyWrites,
      serial_alarms_per_s: serialPerSecond,
      serial_sample: serialEvaluated,
      speedup_vs_serial: round(perSecond / serialPerSecond, 1),
      big_shard_alarms: big.evaluated,
      big_shard_peak_rss_mb: bigShardPeakRss,
      peak_rss_mb: rss.peakMb(),
    };
    const summary = `evaluator: ${perSecond} alarms/s over ${steady.evaluated} prometheus alarms in one shard (Aodh-style serial loop ${serialPerSecond}/s, ×${result.speedup_vs_serial}); ${steadyWrites} DynamoDB writes in a steady cycle; ${big.evaluated} alarms in a shard at peak RSS ${bigShardPeakRss} MB`;
    return { result, summary };
  } finally {
    rss.stop();
    client.destroy();
    await Promise.all([dynamo.stop(), prometheus.stop()]);
  }
}
