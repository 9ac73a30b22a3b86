import { parseTimestamp } from '../domain/time.js';
import type { TransitionMessage } from '../domain/transition.js';
import { logger } from '../observability/logger.js';
import { OUTBOX_METRICS, publishMetrics } from '../observability/metrics.js';
import type { AlarmStore } from '../ports/alarm-store.js';
import type { SendReport, TransitionQueue } from '../ports/transition-queue.js';
import { fitForQueue } from './fit-for-queue.js';

/**
 * Sends recorded transitions to the queue, then clears from the outbox exactly what is done
 * with: what the queue accepted, and what it can never take and parked in its dead-letter
 * queue with the reason. The rest stays, and the next evaluation of its shard re-sends it
 * (same transition_id, so the queue and the notifier drop any duplicate). Messages are fitted
 * to the queue's size limit first (entries recorded before that limit existed included).
 * Returns whether nothing is left in the outbox.
 */
export async function handOff(store: AlarmStore, queue: TransitionQueue, messages: readonly TransitionMessage[]): Promise<boolean> {
  return (await deliver(store, queue, messages)).left === 0;
}

async function deliver(store: AlarmStore, queue: TransitionQueue, messages: readonly TransitionMessage[]): Promise<{ cleared: number; left: number }> {
  if (messages.length === 0) return { cleared: 0, left: 0 };
  const fitted = messages.map((message) => fitForQueue(message));
  let report: SendReport;
  try {
    report = await queue.sendEach(fitted);
  } catch (error) {
    // The port reports per message; this is a bug or an unforeseen fault: keep everything.
    report = { accepted: [], deadLettered: [], retry: fitted.map((message) => ({ message, reason: (error as Error).message })) };
  }
  for (const { message, reason } of report.retry) {
    logger.warn('transition not accepted by the queue; kept in the outbox for the next cycle', { alarm_id: message.alarm_id, transition_id: message.transition_id, reason });
  }
  for (const { message, reason } of report.deadLettered) {
    logger.error('transition can never be queued; moved to the dead-letter queue', { alarm_id: message.alarm_id, transition_id: message.transition_id, reason });
  }
  const done = [...report.accepted, ...report.deadLettered.map(({ message }) => message)];
  if (done.length > 0) await store.clearPendingTransitions(done);
  return { cleared: done.length, left: report.retry.length };
}

/**
 * Re-sends what an earlier hand-off could not deliver. Returns how many left the outbox.
 * A shard with entries left publishes the outbox metrics (depth, age of the oldest entry),
 * so a transition that keeps failing raises an alarm instead of waiting unseen.
 */
export async function resendPending(store: AlarmStore, queue: TransitionQueue, shard: number, now: Date = new Date()): Promise<number> {
  const pending: TransitionMessage[] = [];
  for await (const message of store.listPendingTransitions(shard)) pending.push(message);
  if (pending.length === 0) return 0;
  const oldest = parseTimestamp(pending[0]?.timestamp ?? '')?.getTime() ?? now.getTime();
  const oldestAge = Math.max(0, Math.round((now.getTime() - oldest) / 1000));
  publishMetrics({ [OUTBOX_METRICS.depth]: { value: pending.length, unit: 'Count' }, [OUTBOX_METRICS.oldestAge]: { value: oldestAge, unit: 'Seconds' } }, { shard });
  return (await deliver(store, queue, pending)).cleared;
}
