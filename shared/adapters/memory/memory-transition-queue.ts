import type { TransitionMessage } from '../../domain/transition.js';
import { TransitionQueueUnavailableError } from '../../errors.js';
import type { TransitionQueue } from '../../ports/transition-queue.js';
import { TRANSITION_QUEUE_SPEC } from '../sqs/queue-spec.js';
import { bodyBytes, encodeTransitionBody, oversizedError } from '../sqs/transition-body.js';

export interface MemoryTransitionQueueOptions {
  /** Dedup window in milliseconds; SQS's fixed 5 minutes by default. */
  dedupWindowMs?: number;
  /** Clock for the dedup window (tests pass a fake one). */
  now?: () => number;
}

/**
 * The TransitionQueue in process memory, for unit tests and the local runner without an
 * emulator. It keeps the SQS adapter's observable behaviour: one global order (so each
 * alarm's order too), dedup by transition_id within the window, the same size limit, and
 * messages that went through JSON (what the notifier gets from SQS is a parsed body).
 */
export class MemoryTransitionQueue implements TransitionQueue {
  private readonly queued: TransitionMessage[] = [];
  /** transition_id → when it was first accepted (epoch ms). */
  private readonly accepted = new Map<string, number>();
  private readonly dedupWindowMs: number;
  private readonly now: () => number;
  private failures = 0;

  constructor(options: MemoryTransitionQueueOptions = {}) {
    this.dedupWindowMs = options.dedupWindowMs ?? TRANSITION_QUEUE_SPEC.dedupWindowSeconds * 1000;
    this.now = options.now ?? Date.now;
  }

  async send(messages: readonly TransitionMessage[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      // Nothing is accepted: the simplest case of "none, some or all" that callers must handle.
      throw new TransitionQueueUnavailableError(`transition queue unavailable (simulated): ${messages.length} messages not sent`);
    }
    const now = this.now();
    this.forgetExpired(now);
    const oversized: { message: TransitionMessage; bytes: number }[] = [];
    for (const message of messages) {
      const body = encodeTransitionBody(message);
      const bytes = bodyBytes(body);
      if (bytes > TRANSITION_QUEUE_SPEC.maxMessageBytes) {
        oversized.push({ message, bytes });
        continue;
      }
      if (this.accepted.has(message.transition_id)) continue;
      this.accepted.set(message.transition_id, now);
      this.queued.push(JSON.parse(body) as TransitionMessage);
    }
    if (oversized.length > 0) throw oversizedError(oversized);
  }

  /** Test helper: the messages accepted so far and not yet drained, in order (copies). */
  messages(): TransitionMessage[] {
    return structuredClone(this.queued);
  }

  /** Test and local-runner helper: removes and returns every queued message, in order. */
  drain(): TransitionMessage[] {
    return this.queued.splice(0, this.queued.length);
  }

  /** Fault injection: the next `count` calls to `send` throw TransitionQueueUnavailableError. */
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
