import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { DynamoAlarmStore, documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { MemoryTransitionQueue } from '../../shared/adapters/memory/memory-transition-queue.js';
import { alarmTypes } from '../../shared/alarm-types/registry.js';
import { VIRTUAL_SHARDS } from '../../shared/domain/shard.js';
import type { PrometheusSource } from '../../shared/metric-sources/prometheus/query.js';
import { evaluateShards } from '../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../support/alarm-factory.js';
import { round, timedPool } from './stats.js';

const SIZES = [1_000, 10_000];
const LATENCY_MS = 20;
const CONCURRENCY = 100;
const ALL_SHARDS = Array.from({ length: VIRTUAL_SHARDS }, (_, shard) => shard);

/**
 * How close one invocation comes to its concurrency limit: 1,000 and 10,000 prometheus alarms on
 * distinct series (no coalescing) over all 256 shards on DynamoDB Local, a stand-in source that
 * answers after 20 ms, a budget of 100. The limit is concurrency ÷ latency = 5,000 alarms/s.
 */
export async function benchEvaluatorRate() {
  const dynamo = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const limit = CONCURRENCY / (LATENCY_MS / 1000);
  const source: PrometheusSource = { read: async () => (await delay(LATENCY_MS), [1]) };
  try {
    const runs = [];
    for (const size of SIZES) {
      const tables = tableNamesFor(`rate-${size}`);
      await createTables(client, tables);
      const store = new DynamoAlarmStore({ client: documentClientFor(client), tables, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
      await timedPool(size, 32, async (index) => {
        await store.createAlarm(makeAlarm({ type: 'prometheus', state: 'ok', rule: { query: `m{series="${index}"}`, threshold: 1_000, comparison_operator: 'gt' } }));
      });
      const deps = { store, queue: new MemoryTransitionQueue(), clock: { now: () => new Date() }, newId: randomUUID, serviceIdentity: { userId: 'aodh', projectId: 'service' }, alarmTypes, sources: { prometheus: source }, additionalIngestionLag: 0, concurrency: CONCURRENCY };
      await evaluateShards(deps, ALL_SHARDS, new Date());
      const started = performance.now();
      const reports = await evaluateShards(deps, ALL_SHARDS, new Date());
      const seconds = (performance.now() - started) / 1000;
      const evaluated = reports.reduce((sum, report) => sum + report.evaluated, 0);
      const perSecond = evaluated / seconds;
      runs.push({ alarms: evaluated, cycle_s: round(seconds), alarms_per_s: round(perSecond, 0), fraction_of_limit: round(perSecond / limit) });
    }
    const result = { latency_ms: LATENCY_MS, concurrency: CONCURRENCY, limit_alarms_per_s: limit, runs };
    const summary = `evaluator-rate: ${runs.map((r) => `${r.alarms} alarms ${r.alarms_per_s}/s (${Math.round(r.fraction_of_limit * 100)} % of ${limit}/s)`).join(', ')} with a ${LATENCY_MS} ms source at concurrency ${CONCURRENCY}`;
    return { result, summary };
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
