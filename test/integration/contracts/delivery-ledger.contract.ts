import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DELIVERY_RECORD_TTL_SECONDS } from '../../../shared/adapters/dynamodb/schema.js';
import type { DeliveryLedger } from '../../../shared/ports/delivery-ledger.js';

/** A fresh ledger whose clock reads `now`, plus a raw look at what it stored. */
export interface LedgerUnderTest {
  ledger: DeliveryLedger;
  /** The stored `expires_at` (epoch seconds) of a record, undefined when there is none. */
  expiresAt(notificationId: string): Promise<number | undefined>;
}

export type MakeLedger = (now: () => number) => Promise<LedgerUnderTest>;

const detail = { alarmId: 'alarm-1', action: 'http://receiver.example/hook' };

/** The DeliveryLedger port's behaviour, which every adapter must pass. */
export function deliveryLedgerContract(name: string, make: MakeLedger): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    // Near the real time, whole seconds: DynamoDB Local's TTL sweeper really deletes items whose
    // expires_at has passed, so a fixed date in the past would make records vanish mid-test.
    const now = Math.floor(Date.now() / 1000) * 1000;

    it('records a notification once: true the first time, false after', async () => {
      const { ledger } = await make(() => now);
      const id = randomUUID();

      expect(await ledger.recordDelivered(id, detail)).toBe(true);
      expect(await ledger.recordDelivered(id, detail)).toBe(false);
      expect(await ledger.recordDelivered(id, { alarmId: 'other', action: 'log://' })).toBe(false);
    });

    it('reports a notification as delivered only after it was recorded', async () => {
      const { ledger } = await make(() => now);
      const id = randomUUID();

      expect(await ledger.wasDelivered(id)).toBe(false);
      await ledger.recordDelivered(id, detail);

      expect(await ledger.wasDelivered(id)).toBe(true);
      expect(await ledger.wasDelivered(randomUUID())).toBe(false);
    });

    it('lets exactly one of ten concurrent recorders win', async () => {
      const { ledger } = await make(() => now);
      const id = randomUUID();

      const results = await Promise.all(Array.from({ length: 10 }, () => ledger.recordDelivered(id, detail)));

      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ledger.wasDelivered(id)).toBe(true);
    });

    it('keeps notifications apart', async () => {
      const { ledger } = await make(() => now);
      const [a, b] = [randomUUID(), randomUUID()];

      await ledger.recordDelivered(a, detail);

      expect(await ledger.recordDelivered(b, detail)).toBe(true);
      expect(await Promise.all([ledger.wasDelivered(a), ledger.wasDelivered(b)])).toEqual([true, true]);
    });

    it('sets the expiry to now plus the record TTL, outliving queue and DLQ retention', async () => {
      const { ledger, expiresAt } = await make(() => now);
      const id = randomUUID();

      await ledger.recordDelivered(id, detail);

      expect(await expiresAt(id)).toBe(now / 1000 + DELIVERY_RECORD_TTL_SECONDS);
      expect(DELIVERY_RECORD_TTL_SECONDS).toBeGreaterThan((4 + 14) * 24 * 3600);
    });

    it('does not move the expiry of an existing record when it is recorded again', async () => {
      let clock = now;
      const { ledger, expiresAt } = await make(() => clock);
      const id = randomUUID();
      await ledger.recordDelivered(id, detail);

      clock = now + 3_600_000;
      await ledger.recordDelivered(id, detail);

      expect(await expiresAt(id)).toBe(now / 1000 + DELIVERY_RECORD_TTL_SECONDS);
    });
  });
}
