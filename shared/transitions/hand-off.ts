import type { TransitionMessage } from '../domain/transition.js';
import { logger } from '../observability/logger.js';
import type { AlarmStore } from '../ports/alarm-store.js';
import type { TransitionQueue } from '../ports/transition-queue.js';

/**
 * Sends recorded transitions to the queue, then clears them from the outbox. If the
 * send fails they stay in the outbox and the next evaluation of their shard re-sends
 * them (same transition_id, so the queue and the notifier drop any duplicate).
 */
export async function handOff(store: AlarmStore, queue: TransitionQueue, messages: readonly TransitionMessage[]): Promise<boolean> {
  if (messages.length === 0) return true;
  try {
    await queue.send(messages);
  } catch (error) {
    for (const message of messages) {
      logger.warn('transition queue unavailable; kept in the outbox for the next cycle', { alarm_id: message.alarm_id, transition_id: message.transition_id, error: (error as Error).message });
    }
    return false;
  }
  await store.clearPendingTransitions(messages);
  return true;
}

/** Re-sends what an earlier hand-off could not deliver. Returns how many went out. */
export async function resendPending(store: AlarmStore, queue: TransitionQueue, shard: number): Promise<number> {
  const pending: TransitionMessage[] = [];
  for await (const message of store.listPendingTransitions(shard)) pending.push(message);
  return (await handOff(store, queue, pending)) ? pending.length : 0;
}
