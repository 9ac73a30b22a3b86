import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Quota } from '../../domain/quota.js';
import { InvalidInputError } from '../../errors.js';
import { COUNT_RESOURCE } from './alarm-counts.js';
import { batchDelete, batchWrite, queryItems } from './paging.js';

/**
 * Quota rows keyed (project_id, resource), as schema.ts has them. project_id is the
 * raw value here (no `p#` prefix), so the empty project "" cannot own quotas:
 * reads answer "none" and writes are refused. The same table holds the alarm counts
 * (alarm-counts.ts) under `p#…`/`u#…` keys and their own resource name; quota reads skip them.
 */
export class QuotaTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(projectId: string): Promise<Quota[]> {
    if (projectId === '') return [];
    const quotas: Quota[] = [];
    for await (const item of queryItems(this.client, this.query(projectId))) {
      if (item['resource'] === COUNT_RESOURCE) continue;
      quotas.push({ resource: item['resource'] as Quota['resource'], limit: item['limit'] as number });
    }
    return quotas;
  }

  async set(projectId: string, quotas: Quota[]): Promise<Quota[]> {
    if (projectId === '') throw new InvalidInputError('Quotas need a non-empty project_id', 'project_id');
    // One request per key: BatchWriteItem rejects two writes to the same key, last one wins as with sequential upserts.
    const byResource = new Map(quotas.map((quota) => [quota.resource, quota]));
    await batchWrite(
      this.client,
      this.tableName,
      [...byResource.values()].map((quota) => ({
        PutRequest: { Item: { project_id: projectId, resource: quota.resource, limit: quota.limit } },
      })),
    );
    return this.get(projectId);
  }

  async delete(projectId: string): Promise<void> {
    if (projectId === '') return;
    const keys: Array<Record<string, string>> = [];
    const keysOnly = { ProjectionExpression: '#pk, #sk', ExpressionAttributeNames: { '#pk': 'project_id', '#sk': 'resource' } };
    for await (const item of queryItems(this.client, { ...this.query(projectId), ...keysOnly })) {
      if (item['resource'] === COUNT_RESOURCE) continue;
      keys.push({ project_id: item['project_id'] as string, resource: item['resource'] as string });
    }
    await batchDelete(this.client, this.tableName, keys);
  }

  private query(projectId: string): QueryCommandInput {
    return {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :p',
      ExpressionAttributeNames: { '#pk': 'project_id' },
      ExpressionAttributeValues: { ':p': projectId },
      // The API reads back right after its own upsert (§6.14).
      ConsistentRead: true,
    };
  }
}
