import { setTimeout as delay } from 'node:timers/promises';
import { ConflictError } from '../../errors.js';

const MAX_ATTEMPTS = 10;

/**
 * Runs a read-modify-write until its conditional write wins. Aodh's API writes are
 * last-writer-wins and never answer 409, so a lost race is re-run on a fresh read
 * (with a little jitter so racing writers spread out) rather than reported.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || tries >= MAX_ATTEMPTS) throw error;
      await delay(Math.random() * 5 * tries);
    }
  }
}
