import type { TransitionMessage } from '../../domain/transition.js';
import type { DeadLetterQueue } from '../../ports/dead-letter-queue.js';
import type { SendReport, TransitionQueue } from '../../ports/transition-queue.js';
import { fitForDeadLetter } from '../../transitions/fit-for-queue.js';
import { bodyBytes, encodeTransitionBody } from '../../transitions/message-size.js';
import { TRANSITION_QUEUE_SPEC } from '../sqs/queue-spec.js';
import { oversizedReason, unsentError } from '../sqs/transition-body.js';
import { MemoryDeadLetterQueue } from './memory-dead-letter-queue.js';

export interface MemoryTransitionQueueOptions {
  /** Dedup window in milliseconds; SQS's fixed 5 minutes by default. */
  dedupWindowMs?: number;
  /** Clock for the dedup window (tests pass a fake one). */
  now?: () => number;
  /** Where messages over the size limit are parked; a fresh memory one by default. */
  deadLetters?: DeadLetterQueue;
}

/**
 * The TransitionQueue in process memory, for unit tests and the local runner without an
 * emulator. It keeps the SQS adapter's observable behaviour: one global order (so each
 * alarm's order too), dedup by transition_id within the window, the same size limit, and
 * messages that went through JSON (what the notifier gets from SQS is a parsed body), and
 * oversized ones parked in its dead-letter queue.
 */
export class MemoryTransitionQueue implements TransitionQueue {
  private readonly queued: TransitionMessage[] = [];
  /** transition_id → when it was first accepted (epoch ms). */
  private readonly accepted = new Map<string, number>();
  private readonly dedupWindowMs: number;
  private readonly now: () => number;
  private failures = 0;
  readonly deadLetters: DeadLetterQueue;

  constructor(options: MemoryTransitionQueueOptions = {}) {
    this.dedupWindowMs = options.dedupWindowMs ?? TRANSITION_QUEUE_SPEC.dedupWindowSeconds * 1000;
    this.now = options.now ?? Date.now;
    this.deadLetters = options.deadLetters ?? new MemoryDeadLetterQueue();
  }

  async send(messages: readonly TransitionMessage[]): Promise<void> {
    const report = await this.sendEach(messages);
    if (report.retry.length > 0) throw unsentError(report, messages.length);
  }

  async sendEach(messages: readonly TransitionMessage[]): Promise<SendReport> {
    const report: SendReport = { accepted: [], deadLettered: [], retry: [] };
    if (this.failures > 0) {
      this.failures -= 1;
      // Nothing is accepted: the simplest case of "none, some or all" that callers must handle.
      report.retry = messages.map((message) => ({ message, reason: 'transition queue unavailable (simulated)' }));
      return report;
    }
    const now = this.now();
    this.forgetExpired(now);
    const held = new Set<string>();
    for (const message of messages) {
      if (held.has(message.alarm_id)) {
        report.retry.push({ message, reason: 'held behind an earlier transition of the alarm that was not accepted' });
        continue;
      }
      const body = encodeTransitionBody(message);
      const bytes = bodyBytes(body);
      if (bytes > TRANSITION_QUEUE_SPEC.maxMessageBytes) {
        const reason = oversizedReason(bytes, TRANSITION_QUEUE_SPEC.maxMessageBytes);
        try {
          await this.deadLetters.send({ body: encodeTransitionBody(fitForDeadLetter(message, TRANSITION_QUEUE_SPEC.maxMessageBytes)), alarmId: message.alarm_id, reason });
          report.deadLettered.push({ message, reason });
        } catch (error) {
          report.retry.push({ message, reason: `${reason}; the dead-letter queue did not take it either (${(error as Error).message})` });
          held.add(message.alarm_id);
        }
        continue;
      }
      report.accepted.push(message);
      if (this.accepted.has(message.transition_id)) continue;
      this.accepted.set(message.transition_id, now);
      this.queued.push(JSON.parse(body) as TransitionMessage);
    }
    return report;
  }

  /** Test helper: the messages accepted so far and not yet drained, in order (copies). */
  messages(): TransitionMessage[] {
    return structuredClone(this.queued);
  }

  /** Test and local-runner helper: removes and returns every queued message, in order. */
  drain(): TransitionMessage[] {
    return this.queued.splice(0, this.queued.length);
  }

  /** Fault injection: the next `count` calls accept nothing (`send` throws TransitionQueueUnavailableError). */
  failNext(count = 1): void {
    this.failures += count;
  }

  private forgetExpired(now: number): void {
    // Map iteration follows insertion order, which is acceptance order: stop at the first live one.
    for (const [transitionId, at] of this.accepted) {
      if (now - at < this.dedupWindowMs) break;
      this.accepted.delete(transitionId);
    }
  }
}
