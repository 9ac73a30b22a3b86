import { setTimeout as delay } from 'node:timers/promises';
import type { AlarmNotification, TransitionMessage } from '../../domain/transition.js';
import type { BuiltNotifiers } from '../../notifiers/build-notifiers.js';
import { redactUrl } from '../../notifiers/redact.js';
import { logger } from '../../observability/logger.js';
import type { DeliveryLedger } from '../../ports/delivery-ledger.js';
import { type ActionRun, deliverAction } from './deliver-action.js';
import { notificationIdFor } from './notification-id.js';
import type { ActionReport, DeliveryReport } from './report.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';

export interface DeliveryDeps {
  /** From buildNotifiers(notifiers, notifierDeps), once per process. */
  notifiers: BuiltNotifiers;
  ledger: DeliveryLedger;
  retry?: Partial<RetryPolicy>;
  /** Injected by tests that check the backoff without waiting for it. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch ms. */
  now?: () => number;
  /** For the jitter; [0, 1). */
  random?: () => number;
}

/**
 * Delivers one transition from the queue to each of its actions (Aodh's notifier, §4.2),
 * at least once and without repeats at the receiver:
 *  1. no actions → logged and dropped, as Aodh does;
 *  2. every distinct action in parallel, so a failing one never holds the others up;
 *  3. per action: already in the delivery ledger → skipped; unparsable or unknown scheme →
 *     permanent; otherwise attempts with backoff within the message's budget, recorded
 *     in the ledger on success.
 * The caller (the notify handler) reports the SQS record as failed when `retry` is set.
 */
export async function deliverTransition(message: TransitionMessage, deps: DeliveryDeps): Promise<DeliveryReport> {
  const base = { transitionId: message.transition_id, alarmId: message.alarm_id };
  if (!Array.isArray(message.actions) || message.actions.length === 0) {
    logger.error('Unable to notify for an alarm with no action', { alarm_id: message.alarm_id, transition_id: message.transition_id });
    return { ...base, actions: [], retry: false };
  }
  const now = deps.now ?? Date.now;
  const run: ActionRun = {
    notification: notificationOf(message),
    notifiers: deps.notifiers,
    ledger: deps.ledger,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
    startedAt: now(),
    sleep: deps.sleep ?? ((ms) => delay(ms)),
    now,
    random: deps.random ?? Math.random,
  };
  // The same action twice would share one notification id and could race itself past the ledger.
  const actions = [...new Set(message.actions)];
  const reports = await Promise.all(
    actions.map(async (action): Promise<ActionReport> => {
      const notificationId = notificationIdFor(message.transition_id, action);
      const outcome = await deliverAction(run, action, notificationId);
      const report = { action: redactUrl(action), notificationId, ...outcome };
      logOutcome(message, report);
      return report;
    }),
  );
  return { ...base, actions: reports, retry: reports.some((report) => report.status === 'retryable-failed') };
}

/** Exactly the §4.1 payload: notifiers never see queue bookkeeping (transition_id, timestamp). */
export function notificationOf(message: TransitionMessage): AlarmNotification {
  const { actions, alarm_id, alarm_name, severity, previous, current, reason, reason_data } = message;
  return { actions, alarm_id, alarm_name, severity, previous, current, reason, reason_data };
}

function logOutcome(message: TransitionMessage, report: ActionReport): void {
  const keys = {
    alarm_id: message.alarm_id,
    transition_id: message.transition_id,
    notification_id: report.notificationId,
    action: report.action,
    attempts: report.attempts,
    ...(report.reason ? { reason: report.reason } : {}),
  };
  switch (report.status) {
    case 'delivered':
      return logger.info('notification delivered', keys);
    case 'skipped-duplicate':
      return logger.info('notification already delivered; skipped', keys);
    case 'retryable-failed':
      return logger.warn('notification not delivered yet; the queue will retry it', keys);
    case 'permanent-failed':
      // Aodh's texts for the two cases it logs itself, "Action … is unknown" among them.
      return logger.error(report.reason ?? 'notification failed permanently', keys);
  }
}
