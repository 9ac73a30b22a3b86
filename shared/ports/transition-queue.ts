import type { TransitionMessage } from '../domain/transition.js';

/**
 * Hands transitions to the notifier (SQS in AWS and in `npm start`; memory in unit tests).
 * Both adapters pass test/integration/contracts/transition-queue.contract.ts.
 *
 * Contract:
 * - `send` resolves only when every message is accepted by the queue; otherwise it throws
 *   TransitionQueueUnavailableError (none, some or all may have been accepted: callers
 *   re-send, and the transition_id makes re-sends harmless);
 * - messages of one alarm keep their order (FIFO group per alarm_id in SQS);
 * - a message re-sent with the same transition_id within the dedup window is delivered once.
 */
export interface TransitionQueue {
  send(messages: readonly TransitionMessage[]): Promise<void>;
}
