import { DELIVERY_RECORD_TTL_SECONDS } from '../dynamodb/schema.js';
import type { DeliveryLedger } from '../../ports/delivery-ledger.js';

export interface MemoryDeliveryRecord {
  alarmId: string;
  action: string;
  /** Epoch seconds, as the DynamoDB item's `expires_at`. */
  expiresAt: number;
}

/**
 * The delivery ledger in process memory (unit tests, local runs without an emulator). Expired
 * records count as absent, which is what DynamoDB shows once TTL has deleted the item.
 */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly records = new Map<string, MemoryDeliveryRecord>();
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: { ttlSeconds?: number; now?: () => number } = {}) {
    this.ttlSeconds = options.ttlSeconds ?? DELIVERY_RECORD_TTL_SECONDS;
    this.now = options.now ?? Date.now;
  }

  async wasDelivered(notificationId: string): Promise<boolean> {
    return this.record(notificationId) !== undefined;
  }

  async recordDelivered(notificationId: string, detail: { alarmId: string; action: string }): Promise<boolean> {
    if (this.record(notificationId)) return false;
    this.records.set(notificationId, { ...detail, expiresAt: Math.floor(this.now() / 1000) + this.ttlSeconds });
    return true;
  }

  /** The live record, for tests that look at what was stored. */
  record(notificationId: string): MemoryDeliveryRecord | undefined {
    const found = this.records.get(notificationId);
    return found && found.expiresAt * 1000 > this.now() ? found : undefined;
  }
}
