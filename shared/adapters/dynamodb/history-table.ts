import { type DynamoDBDocumentClient, PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AlarmChange } from '../../domain/history.js';
import type { HistoryQuery } from '../../ports/alarm-store.js';
import { fromHistoryItem, type Item, projectKey, toHistoryItem } from './alarm-item.js';
import { equality, type Expression, expressionParams, unexpired } from './expressions.js';
import { batchDelete, queryItems, scanItems } from './paging.js';
import { HISTORY_TABLE } from './schema.js';

const [BY_ON_BEHALF_OF] = HISTORY_TABLE.indexes;

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
    const input = { ...this.byAlarm(query.alarmId, unexpired(this.now())), ScanIndexForward: query.order === 'asc' };
    for await (const item of queryItems(this.client, input)) yield fromHistoryItem(item);
  }

  async *scan(scope: { onBehalfOf?: string }): AsyncIterable<AlarmChange> {
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
    for await (const item of items) yield fromHistoryItem(item);
  }

  /** Every row of the alarm, expired ones included (they may not have been swept yet). */
  async deleteFor(alarmId: string): Promise<void> {
    const query = this.byAlarm(alarmId);
    const keys: Item[] = [];
    const keysOnly = {
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#pk': 'alarm_id', '#sk': 'hist_key' },
      ConsistentRead: true,
    };
    for await (const item of queryItems(this.client, { ...query, ...keysOnly })) {
      keys.push({ alarm_id: item['alarm_id'], hist_key: item['hist_key'] });
    }
    await batchDelete(this.client, this.tableName, keys);
  }

  private byAlarm(alarmId: string, ...filters: Expression[]): QueryCommandInput {
    return { TableName: this.tableName, ...expressionParams(equality({ alarm_id: alarmId }, 'k'), ...filters) };
  }
}
