import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransitionMessage } from '../../domain/transition.js';
import type { Item } from './alarm-item.js';
import { equality, expressionParams } from './expressions.js';
import { batchDelete, queryItems } from './paging.js';

/** The transition outbox: one item per recorded transition the queue has not accepted yet. */
export class OutboxTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shardOf: (alarmId: string) => number,
  ) {}

  private key(message: TransitionMessage): Item {
    return { shard: this.shardOf(message.alarm_id), out_key: `${message.timestamp}#${message.transition_id}` };
  }

  /** The Put that joins a state change's transaction. */
  put(message: TransitionMessage): { TableName: string; Item: Item } {
    return { TableName: this.tableName, Item: { ...this.key(message), message } };
  }

  async *list(shard: number): AsyncIterable<TransitionMessage> {
    const input = { TableName: this.tableName, ...expressionParams(equality({ shard }, 'k')), ConsistentRead: true };
    for await (const item of queryItems(this.client, input)) yield item['message'] as TransitionMessage;
  }

  async clear(messages: readonly TransitionMessage[]): Promise<void> {
    await batchDelete(this.client, this.tableName, messages.map((message) => this.key(message)));
  }
}
