import { TransitionQueueUnavailableError } from '../../errors.js';
import type { SendReport } from '../../ports/transition-queue.js';

/**
 * `send`'s error when a `sendEach` left messages to retry. It is the port's error type
 * (callers only know that one), but it names the first alarm so the log says which is stuck.
 */
export function unsentError(report: SendReport, total: number): TransitionQueueUnavailableError {
  const first = report.retry[0];
  const detail = first ? `first: alarm ${first.message.alarm_id} (transition ${first.message.transition_id}): ${first.reason}` : '';
  return new TransitionQueueUnavailableError(`transition queue did not accept ${report.retry.length} of ${total} messages (${detail})`);
}

/** The reason a dead letter carries for a message over the queue's size limit. */
export function oversizedReason(bytes: number, limit: number): string {
  return `transition message of ${bytes} bytes exceeds the transition queue's limit of ${limit} bytes even with reason_data truncated`;
}
