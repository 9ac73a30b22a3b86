import type { TransitionMessage } from '../domain/transition.js';

/** What became of each message of one `sendEach` call; every message is in exactly one list. */
export interface SendReport {
  /** Accepted by the queue (a duplicate within the dedup window counts as accepted). */
  accepted: TransitionMessage[];
  /**
   * Can never be accepted (over the size limit, or refused as the sender's fault), so parked
   * in the dead-letter queue with the reason instead: as done as an accepted one.
   */
  deadLettered: { message: TransitionMessage; reason: string }[];
  /** Not accepted this time (queue unreachable, throttled, held behind its alarm's earlier one): send again later. */
  retry: { message: TransitionMessage; reason: string }[];
}

/**
 * Hands transitions to the notifier (SQS in AWS and in `npm start`; memory in unit tests).
 * Both adapters pass test/integration/contracts/transition-queue.contract.ts.
 *
 * Contract:
 * - `sendEach` never throws for the queue's sake: it reports per message (see SendReport);
 * - `send` resolves when nothing is left to retry (every message accepted or dead-lettered);
 *   otherwise it throws TransitionQueueUnavailableError (none, some or all may have been
 *   accepted: callers re-send, and the transition_id makes re-sends harmless);
 * - a message over TRANSITION_MESSAGE_MAX_BYTES (transitions/message-size.ts) is dead-lettered,
 *   the others of the call still go;
 * - messages of one alarm keep their order (FIFO group per alarm_id in SQS): once one is to
 *   be retried, the alarm's later messages of the call are retried too, never sent ahead of it;
 * - a message re-sent with the same transition_id within the dedup window is delivered once.
 */
export interface TransitionQueue {
  send(messages: readonly TransitionMessage[]): Promise<void>;
  sendEach(messages: readonly TransitionMessage[]): Promise<SendReport>;
}
