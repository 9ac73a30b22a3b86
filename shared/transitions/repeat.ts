import type { Alarm } from '../domain/alarm.js';
import { parseTimestamp } from '../domain/time.js';
import type { TransitionMessage } from '../domain/transition.js';
import type { RefreshDeps, RefreshOutcome } from './refresh-alarm.js';
import { writeState } from './write-state.js';

/**
 * Whether a repeat notification is due (beyond Aodh; without those fields Aodh repeats every
 * evaluation): never while acknowledged, and with repeat_interval only once that many seconds
 * have passed since the later of the last repeat and the last state change (the transition
 * itself notified then).
 */
export function repeatDue(alarm: Pick<Alarm, 'acknowledged' | 'repeat_interval' | 'last_repeat_at' | 'state_timestamp'>, now: Date): boolean {
  if (alarm.acknowledged) return false;
  if (alarm.repeat_interval === undefined) return true;
  const since = Math.max(parseTimestamp(alarm.last_repeat_at ?? '')?.getTime() ?? 0, parseTimestamp(alarm.state_timestamp)?.getTime() ?? 0);
  return now.getTime() - since >= alarm.repeat_interval * 1000;
}

/**
 * Sends a repeat notification. Without repeat_interval it persists nothing (Aodh; a lost one is
 * repeated by the next evaluation anyway). With it, last_repeat_at is written first,
 * conditionally on the version read: two evaluators never both repeat in one interval, and an
 * alarm changed meanwhile is left to the next cycle. A send failing after that write loses
 * this one repeat; the next interval's goes out as usual.
 */
export async function sendRepeat(deps: RefreshDeps, alarm: Alarm, repeat: TransitionMessage): Promise<RefreshOutcome> {
  if (repeat.actions.length === 0) return 'notified';
  if (alarm.repeat_interval !== undefined) {
    const written = await writeState(deps.store, { alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: alarm.state, stateReason: alarm.state_reason, lastRepeatAt: repeat.timestamp });
    if (written !== 'written') return written;
  }
  await deps.queue.send([repeat]);
  return 'notified';
}
