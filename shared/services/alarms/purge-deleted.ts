import type { Clock } from '../../domain/time.js';
import { logger } from '../../observability/logger.js';
import type { AlarmStore } from '../../ports/alarm-store.js';
import type { EvaluationCounters } from '../../ports/evaluation-counters.js';

export interface PurgeDeps {
  store: AlarmStore;
  clock: Clock;
  counters?: EvaluationCounters;
}

/** History rows removed per purge step: four parallel BatchWriteItem calls. */
export const PURGE_STEP_ROWS = 100;

/**
 * Finishes the clean-up of a deleted alarm until `deadline` (epoch ms): its counters become a
 * tombstone, then its history goes in bounded steps. True when nothing is left; otherwise the
 * purge stays pending (its rows hidden) and the next call carries on where this one stopped.
 */
export async function finishDeletedAlarm(deps: PurgeDeps, alarmId: string, deadline: number): Promise<boolean> {
  await deps.counters?.deleteFor(alarmId);
  // A step starts only within the budget, so a call overruns its deadline by at most one step.
  while (deps.clock.now().getTime() < deadline) {
    if (await deps.store.purgeDeletedHistory(alarmId, PURGE_STEP_ROWS)) return true;
  }
  return false;
}

/**
 * The background half of alarm deletes: pending purges of the given shards, oldest id first,
 * until `deadline`. Failures are logged and left pending for the next run.
 */
export async function purgeDeletedAlarms(deps: PurgeDeps, shards: readonly number[], deadline: number): Promise<{ purged: number; pending: number }> {
  const result = { purged: 0, pending: 0 };
  for await (const alarmId of deps.store.listPendingPurges(shards)) {
    if (deps.clock.now().getTime() >= deadline) {
      result.pending++;
      continue;
    }
    try {
      if (await finishDeletedAlarm(deps, alarmId, deadline)) result.purged++;
      else result.pending++;
    } catch (error) {
      result.pending++;
      logger.warn('purge of a deleted alarm failed; retried next run', { alarm_id: alarmId, error });
    }
  }
  return result;
}
