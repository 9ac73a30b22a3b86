import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { DynamoAlarmStore, documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { DynamoEvaluationCounters } from '../../shared/adapters/dynamodb/evaluation-counters.js';
import type { TableNames } from '../../shared/adapters/dynamodb/schema.js';
import { MemoryTransitionQueue } from '../../shared/adapters/memory/memory-transition-queue.js';
import { alarmTypes } from '../../shared/alarm-types/registry.js';
import type { Alarm } from '../../shared/domain/alarm.js';
import { shardOf } from '../../shared/domain/shard.js';
import type { PrometheusSource } from '../../shared/metric-sources/prometheus/query.js';
import type { EvaluatorDeps } from '../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from './alarm-factory.js';

/**
 * An in-memory Prometheus port: the query text maps to its sample values, or to an error.
 * Used where what is under test is the evaluator and the store, not the HTTP source.
 */
export class ScriptedPrometheus implements PrometheusSource {
  readonly answers = new Map<string, number[] | Error>();
  calls = 0;

  async read({ query }: { query: string }): Promise<number[]> {
    this.calls++;
    const answer = this.answers.get(query) ?? [];
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

export interface EvaluatorOnEmulator {
  deps: EvaluatorDeps;
  store: DynamoAlarmStore;
  queue: MemoryTransitionQueue;
  prometheus: ScriptedPrometheus;
  /** On the counters table, but not in `deps`: counting is off unless a test adds it (Aodh's default). */
  counters: DynamoEvaluationCounters;
  /** Raw access to the fresh tables, for tests that set up what the ports cannot (a counter near its maximum). */
  documents: DynamoDBDocumentClient;
  tables: TableNames;
  destroy(): void;
}

/** The evaluator on DynamoDB Local (fresh tables), a memory queue and a scripted Prometheus. */
export async function evaluatorOnEmulator(): Promise<EvaluatorOnEmulator> {
  const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const tables = tableNamesFor(`eval-${randomUUID().slice(0, 8)}`);
  await createTables(client, tables);
  const store = new DynamoAlarmStore({ client: documentClientFor(client), tables, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
  const queue = new MemoryTransitionQueue();
  const prometheus = new ScriptedPrometheus();
  const deps: EvaluatorDeps = {
    store,
    queue,
    clock: { now: () => new Date() },
    newId: randomUUID,
    serviceIdentity: { userId: 'aodh', projectId: 'service' },
    alarmTypes,
    sources: { prometheus },
    additionalIngestionLag: 0,
    concurrency: 10,
  };
  const documents = documentClientFor(client);
  const counters = new DynamoEvaluationCounters({ client: documents, tableName: tables.counters ?? '' });
  return { deps, store, queue, prometheus, counters, documents, tables, destroy: () => client.destroy() };
}

/** A prometheus alarm with a webhook action, so that transitions are queued. */
export function prometheusAlarm(query: string, overrides: Partial<Alarm> = {}): Alarm {
  return makeAlarm({
    type: 'prometheus',
    description: 'prometheus alarm rule',
    alarm_actions: ['http://receiver.example/alarm'],
    ok_actions: ['http://receiver.example/ok'],
    rule: { query, threshold: 80, comparison_operator: 'gt' },
    ...overrides,
  });
}

export const shardFor = (alarm: Alarm): number => shardOf(alarm.alarm_id);
