import {
  CreateTableCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableNames, type TableRole, type TableSpec } from './schema.js';

/** Physical names for the local runner and tests; in AWS the CDK stack generates them. */
export function tableNamesFor(prefix: string): TableNames {
  return Object.fromEntries(Object.entries(TABLES).map(([role, spec]) => [role, `${prefix}-${spec.logicalName}`])) as TableNames;
}

/**
 * Creates the tables of schema.ts where they do not exist yet and waits until
 * they are ACTIVE. Existing tables are left untouched (no schema migration here), so
 * concurrent or repeated calls are safe.
 */
export async function createTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await Promise.all((Object.keys(TABLES) as TableRole[]).map((role) => createTable(client, names[role], TABLES[role])));
}

async function createTable(client: DynamoDBClient, tableName: string, spec: TableSpec): Promise<void> {
  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(spec),
        KeySchema: keySchema(spec.partitionKey.name, spec.sortKey?.name),
        GlobalSecondaryIndexes: spec.indexes.length
          ? spec.indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: keySchema(index.partitionKey.name, index.sortKey.name),
              Projection: { ProjectionType: index.projection },
            }))
          : undefined,
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false;
  }
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName: tableName });
  // Only on tables we made: an operator may have changed TTL on an existing one deliberately.
  if (created && spec.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
      }),
    );
  }
}

function keySchema(partitionKey: string, sortKey: string | undefined) {
  return [
    { AttributeName: partitionKey, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
  ];
}

/** Every key attribute of the table and its indexes, once each (DynamoDB rejects duplicates and unused ones). */
function attributeDefinitions(spec: TableSpec): AttributeDefinition[] {
  const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const byName = new Map<string, 'S' | 'N'>();
  for (const key of keys) if (key) byName.set(key.name, key.type);
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}
