import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryDeliveryLedger } from '../../../shared/adapters/memory/memory-delivery-ledger.js';
import type { AlarmNotification } from '../../../shared/domain/transition.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../shared/errors.js';
import type { Notifier } from '../../../shared/notifiers/plugin.js';
import { logger } from '../../../shared/observability/logger.js';
import { deliverTransition } from '../../../shared/services/notification/deliver-transition.js';
import { makeTransition } from '../contracts/transition-queue.contract.js';
import { type Reply, startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

export type Classification = 'ok' | 'retryable' | 'permanent';

/** Alertmanager's Retrier table, as we apply it: 2xx ok; 5xx, 408, 429 retryable; the rest permanent. */
export const RETRY_TABLE: readonly (readonly [status: number, expected: Classification])[] = [
  [200, 'ok'], [201, 'ok'], [202, 'ok'], [204, 'ok'],
  [301, 'permanent'], [302, 'permanent'], [307, 'permanent'],
  [400, 'permanent'], [401, 'permanent'], [403, 'permanent'], [404, 'permanent'], [405, 'permanent'],
  [408, 'retryable'], [409, 'permanent'], [410, 'permanent'], [413, 'permanent'], [422, 'permanent'], [429, 'retryable'],
  [500, 'retryable'], [501, 'retryable'], [502, 'retryable'], [503, 'retryable'], [504, 'retryable'],
];

/** Credentials planted in every action the kit uses; none may ever be printed. */
export const SECRETS = { user: 'user-SECRET-u7', password: 'pw-SECRET-p9', token: 'tok-SECRET-t3', signature: 'sig-SECRET-s5' } as const;

export interface ConformanceSubject {
  notifier: Notifier;
  /** An action that makes the notifier call `receiverUrl` and carries SECRETS in its userinfo and query. */
  action(receiverUrl: string): URL;
  close?(): void;
}

export const sampleNotification: AlarmNotification = {
  actions: [],
  alarm_id: 'conformance-alarm',
  alarm_name: 'conformance',
  severity: 'low',
  previous: 'ok',
  current: 'alarm',
  reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 91.0',
  reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
};

export async function classify(subject: ConformanceSubject, action: URL, timeoutMs = 5_000): Promise<Classification | unknown> {
  return subject.notifier.notify(action, sampleNotification, { notificationId: 'n-1', signal: AbortSignal.timeout(timeoutMs) }).then(
    () => 'ok',
    (error: unknown) => (error instanceof RetryableDeliveryError ? 'retryable' : error instanceof PermanentDeliveryError ? 'permanent' : error),
  );
}

/** Every argument given to the logger, as text (errors with message, stack and causes). */
export function captureLogs(): { text(): string } {
  const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(logger, level));
  const show = (value: unknown): string =>
    value instanceof Error ? `${value.name} ${value.message} ${value.stack ?? ''} ${show(value.cause)}` : JSON.stringify(value) ?? '';
  return { text: () => spies.flatMap((spy) => spy.mock.calls.flat().map(show)).join('\n') };
}

export function expectNoSecrets(text: string): void {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

/**
 * What every notifier that calls an HTTP endpoint must do (Alertmanager's notify/test kit:
 * RetryTests and AssertNotifyLeaksNoSecret): classify each status by the table, carry
 * Retry-After, treat transport failures as retryable, and never print a credential.
 */
export function notifierConformance(name: string, makeSubject: () => ConformanceSubject): void {
  describe(`${name}: shared notifier conformance`, () => {
    let receiver: WebhookReceiver;
    let subject: ConformanceSubject;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      subject = makeSubject();
    });
    afterAll(async () => {
      subject.close?.();
      await receiver.close();
    });
    afterEach(() => vi.restoreAllMocks());

    it.each(RETRY_TABLE)('classifies HTTP %i as %s', async (status, expected) => {
      receiver.script({ status });
      expect(await classify(subject, subject.action(receiver.url))).toBe(expected);
    });

    it.each([
      ['seconds', '7', 7_000],
      ['an HTTP-date', new Date(Date.now() + 30_000).toUTCString(), 30_000],
    ])('carries a Retry-After given in %s', async (_, header, expectedMs) => {
      receiver.script({ status: 503, headers: { 'Retry-After': header } });
      const error = await subject.notifier.notify(subject.action(receiver.url), sampleNotification, { notificationId: 'n', signal: new AbortController().signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableDeliveryError);
      expect((error as RetryableDeliveryError).retryAfterMs).toBeGreaterThan(expectedMs - 2_000);
      expect((error as RetryableDeliveryError).retryAfterMs).toBeLessThanOrEqual(expectedMs);
    });

    it('treats a dropped connection as retryable', async () => {
      receiver.script({ destroy: true });
      expect(await classify(subject, subject.action(receiver.url))).toBe('retryable');
    });

    it('treats an aborted (timed-out) attempt as retryable', async () => {
      receiver.script({ delayMs: 1_000 });
      expect(await classify(subject, subject.action(receiver.url), 100)).toBe('retryable');
    });

    const failures: [string, Reply | 'refused'][] = [
      ['500', { status: 500 }], ['400', { status: 400 }], ['a reset', { destroy: true }], ['a refused connection', 'refused'],
    ];
    it.each(failures)('leaks no credential in errors, reports or logs on %s', async (_, reply) => {
      const logs = captureLogs();
      const target = reply === 'refused' ? await startWebhookReceiver() : receiver;
      if (reply === 'refused') await target.refuse();
      else target.script(reply, reply, reply);
      const action = subject.action(target.url);

      const error = await subject.notifier.notify(action, sampleNotification, { notificationId: 'n', signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
      const notifiers = new Map([[action.protocol.slice(0, -1), subject.notifier]]);
      const report = await deliverTransition(makeTransition('alarm-leak', { actions: [action.href] }), {
        notifiers, ledger: new MemoryDeliveryLedger(), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      });

      expect(error).toBeInstanceOf(Error);
      expectNoSecrets(`${(error as Error).message} ${(error as Error).stack ?? ''} ${String((error as Error).cause ?? '')}`);
      expectNoSecrets(JSON.stringify(report));
      expectNoSecrets(logs.text());
      expect(report.actions[0]?.status).toMatch(/failed$/);
    });
  });
}
