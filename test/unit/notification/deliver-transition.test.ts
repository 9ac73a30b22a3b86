import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryDeliveryLedger } from '../../../shared/adapters/memory/memory-delivery-ledger.js';
import type { AlarmNotification, TransitionMessage } from '../../../shared/domain/transition.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../shared/errors.js';
import type { Notifier } from '../../../shared/notifiers/plugin.js';
import { logger } from '../../../shared/observability/logger.js';
import { deliverTransition, type DeliveryDeps } from '../../../shared/services/notification/deliver-transition.js';
import { notificationIdFor } from '../../../shared/services/notification/notification-id.js';

type Step = 'ok' | Error;

/** A notifier that answers from a script per action and records every call. */
function scripted(script: Record<string, Step[]>) {
  const calls: { action: string; notification: AlarmNotification; notificationId: string }[] = [];
  const notifier: Notifier = {
    notify: async (action, notification, context) => {
      calls.push({ action: action.href, notification, notificationId: context.notificationId });
      const step = script[action.href]?.shift() ?? 'ok';
      if (step !== 'ok') throw step;
    },
  };
  return { notifier, calls };
}

/** A clock that only moves when the service sleeps: the test sees exactly the waits it asked for. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) };
}

const message = (actions: string[], overrides: Partial<TransitionMessage> = {}): TransitionMessage => ({
  transition_id: 'transition-1',
  timestamp: '2024-03-01T10:00:01.000000',
  actions,
  alarm_id: 'alarm-1',
  alarm_name: 'cpu',
  severity: 'low',
  previous: 'ok',
  current: 'alarm',
  reason: 'because',
  reason_data: { type: 'threshold' },
  ...overrides,
});

function setUp(script: Record<string, Step[]>, overrides: Partial<DeliveryDeps> = {}) {
  const { notifier, calls } = scripted(script);
  const time = fakeTime();
  const ledger = new MemoryDeliveryLedger();
  const deps: DeliveryDeps = {
    notifiers: new Map([['http', notifier], ['https', notifier]]),
    ledger,
    retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 8_000 },
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    ...overrides,
  };
  return { deps, calls, time, ledger };
}

afterEach(() => vi.restoreAllMocks());

describe('deliverTransition', () => {
  it('retries a retryable failure with doubling jittered waits, then delivers and records it', async () => {
    const { deps, calls, time, ledger } = setUp({ 'http://a/': [new RetryableDeliveryError('503'), new RetryableDeliveryError('503'), new RetryableDeliveryError('503')] });

    const report = await deliverTransition(message(['http://a/']), deps);

    expect(report.actions).toEqual([{ action: 'http://a/', notificationId: notificationIdFor('transition-1', 'http://a/'), status: 'delivered', attempts: 4 }]);
    expect(time.sleeps).toEqual([100, 200, 400]);
    expect(new Set(calls.map((call) => call.notificationId)).size).toBe(1);
    expect(ledger.record(notificationIdFor('transition-1', 'http://a/'))).toMatchObject({ alarmId: 'alarm-1', action: 'http://a/' });
  });

  it('gives the notifier exactly the §4.1 payload, without queue bookkeeping', async () => {
    const { deps, calls } = setUp({});
    await deliverTransition(message(['http://a/']), deps);
    expect(calls[0]?.notification).toEqual({
      actions: ['http://a/'], alarm_id: 'alarm-1', alarm_name: 'cpu', severity: 'low', previous: 'ok', current: 'alarm', reason: 'because', reason_data: { type: 'threshold' },
    });
  });

  it('waits what Retry-After asks instead of the backoff', async () => {
    const { deps, time } = setUp({ 'http://a/': [new RetryableDeliveryError('429', 3_000)] });
    expect((await deliverTransition(message(['http://a/']), deps)).actions[0]?.status).toBe('delivered');
    expect(time.sleeps).toEqual([3_000]);
  });

  it('stops at maxAttempts with retryable-failed, and asks for the message to be retried', async () => {
    const { deps, calls } = setUp({ 'http://a/': Array.from({ length: 9 }, () => new RetryableDeliveryError('POST http://a/ failed: ECONNREFUSED')) });
    const report = await deliverTransition(message(['http://a/']), deps);
    expect(report.actions[0]).toMatchObject({ status: 'retryable-failed', attempts: 4, reason: 'POST http://a/ failed: ECONNREFUSED (after 4 attempts)' });
    expect(report.retry).toBe(true);
    expect(calls).toHaveLength(4);
  });

  it('stops before a wait that would pass the deadline, keeping the server’s Retry-After in the report', async () => {
    const { deps, time } = setUp({ 'http://a/': [new RetryableDeliveryError('503', 6_000), new RetryableDeliveryError('503', 6_000)] });
    const report = await deliverTransition(message(['http://a/']), deps);
    expect(report.actions[0]).toMatchObject({ status: 'retryable-failed', attempts: 2, retryAfterMs: 6_000, reason: '503 (no time left for another attempt)' });
    expect(time.sleeps).toEqual([6_000]);
  });

  it('aborts an attempt that hangs when the message’s budget runs out', async () => {
    // A notifier that only ends when its signal fires (a receiver that never answers).
    const hanging: Notifier = {
      notify: (_action, _notification, context) =>
        new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new RetryableDeliveryError('POST http://a/ timed out')))),
    };
    const { deps } = setUp({}, { notifiers: new Map([['http', hanging]]), now: Date.now, retry: { deadlineMs: 50 } });
    const started = Date.now();
    const report = await deliverTransition(message(['http://a/']), deps);
    expect(report.actions[0]).toMatchObject({ status: 'retryable-failed', attempts: 1, reason: 'POST http://a/ timed out (no time left for another attempt)' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('does not retry a permanent failure', async () => {
    const { deps, calls, time } = setUp({ 'http://a/': [new PermanentDeliveryError('POST http://a/ answered 400 Bad Request')] });
    const report = await deliverTransition(message(['http://a/']), deps);
    expect(report.actions[0]).toMatchObject({ status: 'permanent-failed', attempts: 1, reason: 'POST http://a/ answered 400 Bad Request' });
    expect(report.retry).toBe(false);
    expect(calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('delivers every action independently: one failing never stops another', async () => {
    const { deps, calls } = setUp({ 'http://bad/': [new PermanentDeliveryError('no')], 'http://flaky/': [new RetryableDeliveryError('x')] });
    const report = await deliverTransition(message(['http://bad/', 'http://good/', 'http://flaky/']), deps);
    expect(report.actions.map((action) => action.status)).toEqual(['permanent-failed', 'delivered', 'delivered']);
    expect(calls.filter((call) => call.action === 'http://good/')).toHaveLength(1);
  });

  it('skips actions already in the ledger and calls nothing for them', async () => {
    const { deps, calls, ledger } = setUp({});
    await ledger.recordDelivered(notificationIdFor('transition-1', 'http://a/'), { alarmId: 'alarm-1', action: 'http://a/' });
    const report = await deliverTransition(message(['http://a/', 'http://b/']), deps);
    expect(report.actions.map((action) => action.status)).toEqual(['skipped-duplicate', 'delivered']);
    expect(calls.map((call) => call.action)).toEqual(['http://b/']);
  });

  it('delivers a repeated action once (one notification id, one call)', async () => {
    const { deps, calls } = setUp({});
    const report = await deliverTransition(message(['http://a/', 'http://a/']), deps);
    expect(report.actions).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('fails an unknown scheme and an unparsable action permanently, logging Aodh’s texts', async () => {
    const errors = vi.spyOn(logger, 'error');
    const { deps } = setUp({});
    const report = await deliverTransition(message(['spam://u:pw-secret@x/?token=t0ken', 'not a url']), deps);
    expect(report.actions).toMatchObject([
      { status: 'permanent-failed', attempts: 0, reason: 'Action spam://x/?token=REDACTED is unknown' },
      { status: 'permanent-failed', attempts: 0, reason: 'Unable to parse action not a url' },
    ]);
    expect(errors).toHaveBeenCalledWith('Action spam://x/?token=REDACTED is unknown', expect.objectContaining({ alarm_id: 'alarm-1', notification_id: report.actions[0]?.notificationId }));
  });

  it.each([[[]], [undefined]])('logs and drops a message without actions (%j)', async (actions) => {
    const errors = vi.spyOn(logger, 'error');
    const { deps, calls } = setUp({});
    const report = await deliverTransition(message(actions as unknown as string[]), deps);
    expect(report).toEqual({ transitionId: 'transition-1', alarmId: 'alarm-1', actions: [], retry: false });
    expect(calls).toEqual([]);
    expect(errors).toHaveBeenCalledWith('Unable to notify for an alarm with no action', expect.objectContaining({ alarm_id: 'alarm-1' }));
  });

  it('treats an unclassified notifier error as retryable, with the action’s secrets scrubbed', async () => {
    const action = 'https://bob:hunter2-pw@x/?token=abc-secret-123';
    const { deps } = setUp({ [new URL(action).href]: [new TypeError(`boom at ${action}`), new TypeError('again')] }, { retry: { maxAttempts: 2 } });
    const report = await deliverTransition(message([action]), deps);
    expect(report.actions[0]?.status).toBe('retryable-failed');
    expect(report.actions[0]?.reason).toContain('TypeError');
    expect(JSON.stringify(report)).not.toMatch(/hunter2-pw|abc-secret-123/);
  });

  it('does not deliver when the ledger cannot be read (unknown is not "not delivered")', async () => {
    const { deps, calls } = setUp({}, { ledger: { wasDelivered: async () => Promise.reject(new Error('down')), recordDelivered: async () => true } });
    const report = await deliverTransition(message(['http://a/']), deps);
    expect(report.actions[0]).toMatchObject({ status: 'retryable-failed', attempts: 0, reason: 'delivery ledger unavailable: Error' });
    expect(calls).toEqual([]);
  });

  it('still reports delivered when recording fails, with a warning', async () => {
    const warnings = vi.spyOn(logger, 'warn');
    const { deps } = setUp({}, { ledger: { wasDelivered: async () => false, recordDelivered: async () => Promise.reject(new Error('down')) } });
    expect((await deliverTransition(message(['http://a/']), deps)).actions[0]?.status).toBe('delivered');
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('not recorded'), expect.objectContaining({ alarm_id: 'alarm-1' }));
  });
});
