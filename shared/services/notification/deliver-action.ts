import type { AlarmNotification } from '../../domain/transition.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../errors.js';
import type { BuiltNotifiers } from '../../notifiers/build-notifiers.js';
import { redactUrl, scrubSecrets } from '../../notifiers/redact.js';
import { logger } from '../../observability/logger.js';
import type { DeliveryLedger } from '../../ports/delivery-ledger.js';
import type { ActionReport } from './report.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';

/** Everything one action's delivery needs; built once per message by deliverTransition. */
export interface ActionRun {
  notification: AlarmNotification;
  notifiers: BuiltNotifiers;
  ledger: DeliveryLedger;
  policy: RetryPolicy;
  /** Epoch ms when the message's budget started. */
  startedAt: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

type Outcome = Omit<ActionReport, 'action' | 'notificationId'>;

/** Skip if already delivered, else try with backoff until delivered, permanent, or out of attempts/time. */
export async function deliverAction(run: ActionRun, action: string, notificationId: string): Promise<Outcome> {
  let delivered: boolean;
  try {
    delivered = await run.ledger.wasDelivered(notificationId);
  } catch (error) {
    // Unknown is not "no": delivering now could repeat a success. The queue retries later.
    return { status: 'retryable-failed', attempts: 0, reason: `delivery ledger unavailable: ${(error as Error).name}` };
  }
  if (delivered) return { status: 'skipped-duplicate', attempts: 0 };

  let url: URL;
  try {
    url = new URL(action);
  } catch {
    return { status: 'permanent-failed', attempts: 0, reason: `Unable to parse action ${redactUrl(action)}` };
  }
  const notifier = run.notifiers.get(url.protocol.slice(0, -1));
  if (!notifier) return { status: 'permanent-failed', attempts: 0, reason: `Action ${redactUrl(url)} is unknown` };

  for (let attempts = 1; ; attempts += 1) {
    const remaining = run.policy.deadlineMs - (run.now() - run.startedAt);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, remaining));
    let failure: RetryableDeliveryError;
    try {
      await notifier.notify(url, run.notification, { notificationId, signal: controller.signal });
      await record(run, action, notificationId);
      return { status: 'delivered', attempts };
    } catch (error) {
      if (error instanceof PermanentDeliveryError) return { status: 'permanent-failed', attempts, reason: scrubSecrets(error.message, action) };
      failure = asRetryable(error, action, run.notification.alarm_id);
    } finally {
      clearTimeout(timer);
    }
    const decision = decideRetry({
      attempts,
      elapsedMs: run.now() - run.startedAt,
      retryAfterMs: failure.retryAfterMs,
      policy: run.policy,
      random: run.random,
    });
    if (!decision.retry) {
      const why = decision.why === 'attempts' ? `after ${attempts} attempts` : 'no time left for another attempt';
      const retryAfter = failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs };
      return { status: 'retryable-failed', attempts, reason: `${scrubSecrets(failure.message, action)} (${why})`, ...retryAfter };
    }
    await run.sleep(decision.waitMs);
  }
}

/**
 * A notifier that throws something unclassified has a bug; retrying is the choice that loses
 * no notification. Its message is not ours, so it is scrubbed of the action's secrets.
 */
function asRetryable(error: unknown, action: string, alarmId: string): RetryableDeliveryError {
  if (error instanceof RetryableDeliveryError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const scrubbed = scrubSecrets(text, action);
  logger.error('notifier threw an unclassified error; treated as retryable', { alarm_id: alarmId, error: scrubbed });
  return new RetryableDeliveryError(`unclassified notifier error: ${scrubbed}`);
}

/** A success the ledger missed is still a success; only a later re-delivery could repeat it. */
async function record(run: ActionRun, action: string, notificationId: string): Promise<void> {
  const detail = { alarm_id: run.notification.alarm_id, notification_id: notificationId };
  try {
    const first = await run.ledger.recordDelivered(notificationId, { alarmId: run.notification.alarm_id, action: redactUrl(action) });
    if (!first) logger.warn('notification was delivered concurrently by another receive', detail);
  } catch (error) {
    logger.warn('notification delivered but not recorded; a re-delivery may repeat it', { ...detail, error: (error as Error).name });
  }
}
