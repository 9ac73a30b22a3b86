import type { Alarm, AlarmState } from '../../domain/alarm.js';
import { formatTimestamp, parseTimestamp } from '../../domain/time.js';
import type { Decision } from '../decision.js';
import type { Semantics } from './read.js';

/** How long a move from `current` to `target` must wait: pending_period to alarm, recovery_period from alarm to ok. */
function waitFor(semantics: Semantics, current: AlarmState, target: AlarmState): number {
  if (target === 'alarm') return semantics.pendingPeriod;
  if (target === 'ok' && current === 'alarm') return semantics.recoveryPeriod;
  return 0;
}

const PERIOD_NAME: Record<string, string> = { alarm: 'pending_period', ok: 'recovery_period' };

/**
 * pending_period / recovery_period over the machine's decision. `move` is what the window
 * says now (the decision to take once nothing is pending); the public state stays one of
 * Aodh's three while a move waits, and state_detail says which and since when.
 * - A move that must wait starts pending (one write: reason, history, state_detail) or,
 *   once the condition has held for the period, happens (state_detail cleared).
 * - While it waits nothing is written (a repeat re-notifies the current state).
 * - When the window no longer asks for the pending move, the pending is called off (one write).
 */
export function withPending(
  move: { target: AlarmState; why: string; decide: () => Decision | undefined },
  semantics: Semantics,
  alarm: Pick<Alarm, 'state' | 'repeat_actions' | 'state_detail'>,
  now: Date,
): Decision | undefined {
  const current = alarm.state;
  const pending = alarm.state_detail;
  const period = move.target === current ? 0 : waitFor(semantics, current, move.target);
  if (period === 0) {
    const decision = move.decide();
    if (!pending || move.target !== current) return decision;
    // The pending move is off: the state stays, and the write says so.
    const base = decision ?? { state: current, reason: move.why, reasonData: {} };
    return { ...base, reason: `${base.reason} (pending ${pending.pending} called off)`, stateDetail: null };
  }
  const startedAt = pending?.pending === move.target ? parseTimestamp(pending.since) : undefined;
  if (startedAt === undefined) {
    const since = formatTimestamp(now);
    const reason = `Pending ${move.target} since ${since} (${PERIOD_NAME[move.target]} ${period} s): ${move.why}`;
    return { ...(move.decide() ?? { reasonData: {} }), state: current, reason, stateDetail: { pending: move.target, since } };
  }
  const held = (now.getTime() - startedAt.getTime()) / 1000;
  if (held >= period) {
    const decision = move.decide();
    return decision && { ...decision, reason: `${decision.reason}, after ${PERIOD_NAME[move.target]} ${period} s`, stateDetail: null };
  }
  if (!alarm.repeat_actions) return undefined;
  return { state: current, reason: `Remaining as ${current}, pending ${move.target} for ${held} of ${period} s: ${move.why}`, reasonData: {} };
}
