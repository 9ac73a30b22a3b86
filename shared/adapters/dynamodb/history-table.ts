import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AlarmChange } from '../../domain/history.js';
import type { HistoryQuery } from '../../ports/alarm-store.js';
import { fromHistoryItem, type Item, projectKey, toHistoryItem } from './alarm-item.js';
import { equality, type Expression, expressionParams, unexpired } from './expressions.js';
import { batchDelete, queryItems, scanItems } from './paging.js';
import { HISTORY_TABLE } from './schema.js';

const [BY_ON_BEHALF_OF] = HISTORY_TABLE.indexes;
/** BatchWriteItem's maximum; a purge step sends its batches in parallel. */
const BATCH = 25;

/**
 * The partition of purge markers: one row per deleted alarm whose history is not yet removed
 * (hist_key = the alarm id, `shard` = its virtual shard). Alarm ids are server-made UUIDs, so
 * no alarm's partition can be called this. Written in the alarm delete's transaction; while it
 * exists the alarm's rows are hidden from every read; deleted when the last row is gone.
 */
export const PURGE_PARTITION = '#purge';
const MAX_SORT_KEY_BYTES = 1024;

/** History rows keyed (alarm_id, `<timestamp>#<event_id>`), with `expires_at` for DynamoDB's TTL sweep. */
export class HistoryTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ttlSeconds: number | undefined,
    private readonly now: () => Date,
  ) {}

  /** The Put of one row, also used as the second item of an alarm write's transaction. */
  put(change: AlarmChange): { TableName: string; Item: Item } {
    return { TableName: this.tableName, Item: toHistoryItem(change, this.ttlSeconds) };
  }

  async append(change: AlarmChange): Promise<void> {
    await this.client.send(new PutCommand(this.put(change)));
  }

  async *list(query: HistoryQuery): AsyncIterable<AlarmChange> {
    if (await this.isPurgePending(query.alarmId)) return;
    const input = { ...this.byAlarm(query.alarmId, unexpired(this.now())), ScanIndexForward: query.order === 'asc' };
    for await (const item of queryItems(this.client, input)) yield fromHistoryItem(item);
  }

  async *scan(scope: { onBehalfOf?: string }): AsyncIterable<AlarmChange> {
    // Few: an alarm's marker lives only until its purge finishes (seconds to a minute or so).
    const purging = new Set<string>();
    for await (const pending of this.listPurges()) purging.add(pending.alarmId);
    const live = unexpired(this.now());
    const items =
      scope.onBehalfOf === undefined
        ? scanItems(this.client, { TableName: this.tableName, ...expressionParams(undefined, live) })
        : queryItems(this.client, {
            TableName: this.tableName,
            IndexName: BY_ON_BEHALF_OF.name,
            ...expressionParams(equality({ gsi_on_behalf_of: projectKey(scope.onBehalfOf) }, 'k'), live),
            ScanIndexForward: false,
          });
    for await (const item of items) {
      const alarmId = item['alarm_id'] as string;
      if (alarmId !== PURGE_PARTITION && !purging.has(alarmId)) yield fromHistoryItem(item);
    }
  }

  /** The marker's Put, an item of the alarm delete's transaction. */
  purgeMarker(alarmId: string, shard: number): { TableName: string; Item: Item } {
    return { TableName: this.tableName, Item: { alarm_id: PURGE_PARTITION, hist_key: alarmId, shard } };
  }

  async isPurgePending(alarmId: string): Promise<boolean> {
    // A sort key holds at most 1024 bytes; no alarm id is longer (DynamoDB would refuse the Get).
    if (Buffer.byteLength(alarmId) > MAX_SORT_KEY_BYTES) return false;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.markerKey(alarmId), ConsistentRead: true }));
    return Item !== undefined;
  }

  async *listPurges(): AsyncIterable<{ alarmId: string; shard: number }> {
    const query = { ...this.byAlarm(PURGE_PARTITION), ConsistentRead: true };
    for await (const item of queryItems(this.client, query)) yield { alarmId: item['hist_key'] as string, shard: item['shard'] as number };
  }

  /**
   * One bounded step of a purge: up to `maxRows` rows (expired ones included: the TTL sweep may
   * not have reached them), then the marker once none are left. Safe to run twice at once.
   */
  async purgeStep(alarmId: string, maxRows: number): Promise<boolean> {
    // Never on a live alarm's rows: without a marker there is nothing to purge.
    if (!(await this.isPurgePending(alarmId))) return true;
    const query = this.byAlarm(alarmId);
    const page = await this.client.send(
      new QueryCommand({
        ...query,
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#pk': 'alarm_id', '#sk': 'hist_key' },
        ConsistentRead: true,
        Limit: maxRows,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ alarm_id: item['alarm_id'], hist_key: item['hist_key'] }));
    const batches = Array.from({ length: Math.ceil(keys.length / BATCH) }, (_, index) => keys.slice(index * BATCH, (index + 1) * BATCH));
    await Promise.all(batches.map((batch) => batchDelete(this.client, this.tableName, batch)));
    if (page.LastEvaluatedKey) return false;
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.markerKey(alarmId) }));
    return true;
  }

  private markerKey(alarmId: string): Item {
    return { alarm_id: PURGE_PARTITION, hist_key: alarmId };
  }

  private byAlarm(alarmId: string, ...filters: Expression[]): QueryCommandInput {
    return { TableName: this.tableName, ...expressionParams(equality({ alarm_id: alarmId }, 'k'), ...filters) };
  }
}
