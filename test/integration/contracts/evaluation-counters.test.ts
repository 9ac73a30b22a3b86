import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTables, tableNamesFor } from '../../../shared/adapters/dynamodb/create-tables.js';
import { documentClientFor } from '../../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { DynamoEvaluationCounters } from '../../../shared/adapters/dynamodb/evaluation-counters.js';
import { MemoryEvaluationCounters } from '../../../shared/adapters/memory/memory-evaluation-counters.js';
import { evaluationCountersContract } from './evaluation-counters.contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const documents = documentClientFor(client);
let tableName: string;
// One table for the file: every test uses fresh alarm and project ids, so tests cannot collide.
beforeAll(async () => {
  const tables = tableNamesFor(`counters-${randomUUID().slice(0, 8)}`);
  await createTables(client, tables);
  tableName = tables.counters ?? '';
});
afterAll(() => client.destroy());

/** The attribute the DynamoDB adapter stores a state under (Aodh's counter spelling). */
const attribute = (state: string) => state.replace(' ', '_');

evaluationCountersContract('memory', async () => {
  const counters = new MemoryEvaluationCounters();
  return { counters, seed: async (alarmId, projectId, state, value) => counters.seed(alarmId, projectId, state, value) };
});

evaluationCountersContract('dynamodb', async () => ({
  counters: new DynamoEvaluationCounters({ client: documents, tableName, concurrency: 4 }),
  seed: async (alarmId, projectId, state, value) => {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { alarm_id: alarmId },
        UpdateExpression: 'SET project_id = :p, gsi_project = :g, #s = :v',
        ExpressionAttributeNames: { '#s': attribute(state) },
        ExpressionAttributeValues: { ':p': projectId, ':g': `p#${projectId}`, ':v': value },
      }),
    );
  },
}));

describe('DynamoEvaluationCounters table', () => {
  it('stores one item per alarm with a number per state, keyed for the by-project index', async () => {
    const counters = new DynamoEvaluationCounters({ client: documents, tableName });
    const alarmId = randomUUID();

    await counters.increment([
      { alarmId, projectId: 'proj-1', state: 'insufficient data' },
      { alarmId, projectId: 'proj-1', state: 'ok' },
    ]);

    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { alarm_id: alarmId }, ConsistentRead: true }));
    expect(Item).toEqual({ alarm_id: alarmId, project_id: 'proj-1', gsi_project: 'p#proj-1', insufficient_data: 1, ok: 1 });
  });

  it('updates many alarms in one call, a few at a time', async () => {
    const counters = new DynamoEvaluationCounters({ client: documents, tableName, concurrency: 3 });
    const project = `p-${randomUUID()}`;
    const alarms = Array.from({ length: 10 }, () => randomUUID());

    await counters.increment(alarms.map((alarmId) => ({ alarmId, projectId: project, state: 'alarm' as const })));

    const rows = [];
    for await (const row of counters.list({ projectId: project })) rows.push(row);
    expect(rows.map((row) => row.alarm_id).sort()).toEqual([...alarms].sort());
    expect(rows.every((row) => row.state_counters.alarm === 1)).toBe(true);
  });

  it('attempts every alarm and then rejects when some updates fail', async () => {
    const counters = new DynamoEvaluationCounters({ client: documents, tableName: `missing-${randomUUID()}` });
    await expect(counters.increment([{ alarmId: 'a', projectId: 'p', state: 'ok' }, { alarmId: 'b', projectId: 'p', state: 'ok' }])).rejects.toThrow(
      '2 of 2 counter updates failed',
    );
  });
});
