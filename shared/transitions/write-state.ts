import { AlarmNotFoundError, ConflictError } from '../errors.js';
import type { AlarmStore, StateUpdate } from '../ports/alarm-store.js';

/**
 * A state write conditional on the version read. Another writer having won (or the alarm
 * having been deleted) is an outcome the cycle reports, not an error: the next cycle re-reads.
 */
export async function writeState(store: AlarmStore, update: StateUpdate): Promise<'written' | 'lost-race' | 'deleted'> {
  try {
    await store.updateState(update);
    return 'written';
  } catch (error) {
    if (error instanceof ConflictError) return 'lost-race';
    if (error instanceof AlarmNotFoundError) return 'deleted';
    throw error;
  }
}
