import { randomUUID } from 'node:crypto';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTables, tableNamesFor } from '../../../shared/adapters/dynamodb/create-tables.js';
import { documentClientFor, DynamoAlarmStore } from '../../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { batchDelete } from '../../../shared/adapters/dynamodb/paging.js';
import { MemoryAlarmStore } from '../../../shared/adapters/memory/memory-alarm-store.js';
import { parseTimestamp } from '../../../shared/domain/time.js';
import { makeAlarm, makeChange } from '../../support/alarm-factory.js';
import { alarmStoreContract, CONTRACT_CONFIG, type ContractStoreOptions } from './alarm-store.contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const documents = documentClientFor(client);
afterAll(() => client.destroy());

/** Fresh tables per store: tests never see each other's alarms, even in all-project scans. */
async function dynamoStore(options: ContractStoreOptions = {}) {
  const tables = tableNamesFor(`contract-${randomUUID().slice(0, 8)}`);
  await createTables(client, tables);
  return { tables, store: new DynamoAlarmStore({ client: documents, tables, ...CONTRACT_CONFIG, ...options }) };
}

alarmStoreContract('memory', async (options) => new MemoryAlarmStore({ ...CONTRACT_CONFIG, ...options }));
alarmStoreContract('dynamodb', async (options) => (await dynamoStore(options)).store);

describe('DynamoDB table layout', () => {
  it('creates tables idempotently, with TTL enabled on the history table', async () => {
    const { tables } = await dynamoStore();
    await createTables(client, tables);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tables.history }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
  });

  it('stores the derived key attributes, sparse ones only where they apply', async () => {
    const { tables, store } = await dynamoStore();
    const scheduled = await store.createAlarm(makeAlarm({ project_id: '' }));
    const event = await store.createAlarm(makeAlarm({ type: 'event', project_id: 'project-e', rule: { event_type: '*', query: [] } }));
    const disabled = await store.createAlarm(makeAlarm({ enabled: false }));
    const raw = async (alarmId: string) => (await documents.send(new GetCommand({ TableName: tables.alarms, Key: { alarm_id: alarmId } }))).Item;
    expect(await raw(scheduled.alarm_id)).toMatchObject({
      gsi_project: 'p#',
      ts_key: `${scheduled.timestamp}#${scheduled.alarm_id}`,
      eval_shard: CONTRACT_CONFIG.shardOf(scheduled.alarm_id),
    });
    expect(await raw(scheduled.alarm_id)).not.toHaveProperty('event_project');
    expect(await raw(event.alarm_id)).toMatchObject({ event_project: 'p#project-e', gsi_project: 'p#project-e' });
    expect(await raw(event.alarm_id)).not.toHaveProperty('eval_shard');
    expect(await raw(disabled.alarm_id)).not.toHaveProperty('eval_shard');
    await store.replaceAlarm({ ...scheduled, enabled: false });
    expect(await raw(scheduled.alarm_id)).not.toHaveProperty('eval_shard');
  });

  it('sets expires_at (epoch seconds of timestamp + TTL) on history rows only when a TTL is configured', async () => {
    const withTtl = await dynamoStore({ historyTtlSeconds: 86_400 });
    const without = await dynamoStore({ historyTtlSeconds: 0 });
    const alarm = makeAlarm({ project_id: 'project-h' });
    const row = makeChange(alarm, { timestamp: '2099-01-01T00:00:00.000000' });
    await withTtl.store.createAlarm(alarm, row);
    await without.store.createAlarm(alarm, row);
    const rows = async (tableName: string) =>
      (await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'alarm_id = :a', ExpressionAttributeValues: { ':a': alarm.alarm_id } }))).Items;
    const written = (parseTimestamp(row.timestamp)?.getTime() ?? Number.NaN) / 1000;
    expect(await rows(withTtl.tables.history)).toEqual([
      { ...row, hist_key: `${row.timestamp}#${row.event_id}`, gsi_on_behalf_of: 'p#project-h', expires_at: written + 86_400 },
    ]);
    expect(await rows(without.tables.history)).toEqual([{ ...row, hist_key: `${row.timestamp}#${row.event_id}`, gsi_on_behalf_of: 'p#project-h' }]);
  });
});

describe('DynamoDB batch writes', () => {
  it('resubmits unprocessed items until DynamoDB takes them all', async () => {
    const sent: number[] = [];
    // DynamoDB Local never throttles, so a stub plays a throttled table answering the first try of each batch partially.
    const stub = {
      send: async (command: BatchWriteCommand) => {
        const requests = command.input.RequestItems?.['t'] ?? [];
        sent.push(requests.length);
        return { UnprocessedItems: sent.length % 2 ? { t: requests.slice(0, 3) } : {} };
      },
    };
    const keys = Array.from({ length: 30 }, (_, index) => ({ alarm_id: `a${index}` }));
    await batchDelete(stub as unknown as DynamoDBDocumentClient, 't', keys);
    expect(sent).toEqual([25, 3, 5, 3]);
  });
});
