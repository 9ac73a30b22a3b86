import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger } from '../../ports/delivery-ledger.js';
import { DELIVERY_RECORD_TTL_SECONDS } from './schema.js';

export interface DynamoDeliveryLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  ttlSeconds?: number;
  /** Epoch milliseconds (tests pass a fixed clock). */
  now?: () => number;
}

/** The delivery ledger on the `deliveries` table (schema.ts DELIVERIES_TABLE). */
export class DynamoDeliveryLedger implements DeliveryLedger {
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(private readonly options: DynamoDeliveryLedgerOptions) {
    this.ttlSeconds = options.ttlSeconds ?? DELIVERY_RECORD_TTL_SECONDS;
    this.now = options.now ?? Date.now;
  }

  async wasDelivered(notificationId: string): Promise<boolean> {
    // Consistent: a success recorded by the previous receive of this message must be seen.
    const { Item } = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: { notification_id: notificationId },
        ConsistentRead: true,
        ProjectionExpression: 'notification_id',
      }),
    );
    return Item !== undefined;
  }

  async recordDelivered(notificationId: string, detail: { alarmId: string; action: string }): Promise<boolean> {
    const now = this.now();
    try {
      // Create-only: of two concurrent recorders exactly one succeeds, and an existing record
      // (with its original delivery time and expiry) is never overwritten by a later one.
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            notification_id: notificationId,
            alarm_id: detail.alarmId,
            action: detail.action,
            delivered_at: new Date(now).toISOString(),
            expires_at: Math.floor(now / 1000) + this.ttlSeconds,
          },
          ConditionExpression: 'attribute_not_exists(notification_id)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
