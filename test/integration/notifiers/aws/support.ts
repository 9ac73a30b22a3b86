import { expect, it } from 'vitest';
import type { AlarmNotification } from '../../../../shared/domain/transition.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../../shared/errors.js';
import type { AwsClientFactory, DeliveryContext, NotifierDeps } from '../../../../shared/notifiers/plugin.js';
import type { Fault, FakeAwsServer } from '../../../support/aws-fakes/fake-aws-server.js';

/** A transition with nested, non-ASCII reason_data, so the body's JSON encoding is really exercised. */
export function makeNotification(overrides: Partial<AlarmNotification> = {}): AlarmNotification {
  return {
    actions: ['sns://eu-west-1/123456789012/alarms'],
    alarm_id: 'b7a5f2b4-6a0e-4c5e-9d7e-0c4f3a6e2d11',
    alarm_name: 'cpu-high ☁',
    severity: 'critical',
    previous: 'ok',
    current: 'alarm',
    reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 91.5',
    reason_data: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 91.5, nested: { list: [1, 'two', null] } },
    ...overrides,
  };
}

/** The exact JSON Aodh's webhook posts for `notification`, keys in Aodh's order. */
export function webhookJson(notification: AlarmNotification, extra: Record<string, string> = {}): string {
  const { alarm_name, alarm_id, severity, previous, current, reason, reason_data } = notification;
  return JSON.stringify({ alarm_name, alarm_id, severity, previous, current, reason, reason_data, ...extra });
}

/** Notifier deps for the AWS schemes: only `aws` is read; the schemes' settings are the rows' defaults. */
export function notifierDeps(aws: AwsClientFactory): NotifierDeps {
  return { aws, settings: {}, readFile: () => { throw new Error('no PEM file in this test'); } };
}

export function deliveryContext(notificationId = 'n-7f3c2a', signal: AbortSignal = new AbortController().signal): DeliveryContext {
  return { notificationId, signal };
}

/** The text every scripted AWS error carries: it must never reach a delivery error's message. */
export const SECRET_TEXT = 'secret-5f2e: arn:aws:iam::999999999999:role/internal';

export interface ClassificationCase {
  label: string;
  fault: Fault;
  /** Expected class, and the `failed: …` tail of the message (without the target). */
  expected: typeof RetryableDeliveryError | typeof PermanentDeliveryError;
  tail: string | RegExp;
}

/** Faults every service can produce, beyond its own error codes. */
export const transportCases: ClassificationCase[] = [
  { label: 'a dropped connection', fault: { resetConnection: true }, expected: RetryableDeliveryError, tail: /failed: (TimeoutError \(ECONNRESET\)|ECONNRESET)$/ },
  { label: 'no answer before the attempt times out', fault: { hangMs: 5_000 }, expected: RetryableDeliveryError, tail: 'failed: AbortError' },
];

/**
 * The retry-classification table (Alertmanager's RetryTests, for AWS): each fault is
 * answered once by the fake, and `notify` must throw the expected class with a message
 * naming the target and the AWS error, and without the error's own text.
 */
export function classificationTable(server: () => FakeAwsServer, prefix: string | (() => string), cases: ClassificationCase[], notify: (signal: AbortSignal) => Promise<void>): void {
  it.each(cases)('$label → $expected.name', async ({ fault, expected, tail }) => {
    server().failNext('code' in fault ? { ...fault, message: SECRET_TEXT } : fault);
    const signal = 'hangMs' in fault ? AbortSignal.timeout(200) : new AbortController().signal;
    const error = await notify(signal).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(expected);
    const message = (error as Error).message;
    const target = typeof prefix === 'string' ? prefix : prefix();
    expect(message.startsWith(`${target} failed: `), message).toBe(true);
    if (typeof tail === 'string') expect(message.endsWith(tail), message).toBe(true);
    else expect(message).toMatch(tail);
    expect(message).not.toContain('secret');
  });
}

/** Runs `promise` and returns what it threw (failing the test when it did not throw). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, 'expected a rejection').toBeInstanceOf(Error);
  return thrown as Error;
}
