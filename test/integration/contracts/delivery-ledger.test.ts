import { randomUUID } from 'node:crypto';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTables, tableNamesFor } from '../../../shared/adapters/dynamodb/create-tables.js';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamodb/delivery-ledger.js';
import { documentClientFor } from '../../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import type { TableNames } from '../../../shared/adapters/dynamodb/schema.js';
import { MemoryDeliveryLedger } from '../../../shared/adapters/memory/memory-delivery-ledger.js';
import { deliveryLedgerContract } from './delivery-ledger.contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const documents = documentClientFor(client);
let tables: TableNames;
// One table set for the file: notification ids are random UUIDs, so tests cannot collide.
beforeAll(async () => {
  tables = tableNamesFor(`ledger-${randomUUID().slice(0, 8)}`);
  await createTables(client, tables);
});
afterAll(() => client.destroy());

deliveryLedgerContract('memory', async (now) => {
  const ledger = new MemoryDeliveryLedger({ now });
  return { ledger, expiresAt: async (id) => ledger.record(id)?.expiresAt };
});

deliveryLedgerContract('dynamodb', async (now) => ({
  ledger: new DynamoDeliveryLedger({ client: documents, tableName: tables.deliveries, now }),
  expiresAt: async (id) => {
    const { Item } = await documents.send(new GetCommand({ TableName: tables.deliveries, Key: { notification_id: id }, ConsistentRead: true }));
    return Item?.['expires_at'] as number | undefined;
  },
}));

describe('DynamoDeliveryLedger table', () => {
  it('has TTL enabled on expires_at', async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tables.deliveries }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
  });

  it('stores who was notified, with the delivery time', async () => {
    // Not in the past: DynamoDB Local's TTL sweeper would delete the item before we read it.
    const now = Date.UTC(2030, 2, 1, 10, 0, 0);
    const ledger = new DynamoDeliveryLedger({ client: documents, tableName: tables.deliveries, now: () => now });
    const id = randomUUID();

    await ledger.recordDelivered(id, { alarmId: 'alarm-9', action: 'https://hooks.example/x?token=REDACTED' });

    const { Item } = await documents.send(new GetCommand({ TableName: tables.deliveries, Key: { notification_id: id } }));
    expect(Item).toEqual({
      notification_id: id,
      alarm_id: 'alarm-9',
      action: 'https://hooks.example/x?token=REDACTED',
      delivered_at: '2030-03-01T10:00:00.000Z',
      expires_at: now / 1000 + 19 * 24 * 3600,
    });
  });
});
