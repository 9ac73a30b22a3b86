/**
 * Remembers which notifications (one per transition and action) were delivered, so a
 * re-delivered SQS message does not call a receiver again after a success. One DynamoDB
 * adapter (conditional writes) and one memory adapter, both held to
 * test/integration/contracts/delivery-ledger.contract.ts.
 */
export interface DeliveryLedger {
  wasDelivered(notificationId: string): Promise<boolean>;
  /** Records a success; false when it was already recorded (a concurrent duplicate won). */
  recordDelivered(notificationId: string, detail: { alarmId: string; action: string }): Promise<boolean>;
}
