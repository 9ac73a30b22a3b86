import type { Alarm, AlarmState, JsonObject } from '../../domain/alarm.js';
import { pyFloat } from '../../python/repr.js';
import type { Decision } from '../decision.js';
import type { WindowResult } from './classify.js';
import { withPending } from './pending.js';
import type { Semantics } from './read.js';

const UNKNOWN: AlarmState = 'insufficient data';

function shown(value: number | null): string {
  return value === null ? 'None' : pyFloat(value);
}

/** Where the verdict points: a hold points at the current state. */
export function targetOf(verdict: WindowResult['verdict'], current: AlarmState): AlarmState {
  if (verdict === 'alarm' || verdict === 'ok') return verdict;
  return verdict === 'insufficient' ? UNKNOWN : current;
}

/** The counts behind a verdict, in the reason's words: `3 of 5 datapoints breaching threshold (3 needed)`. */
function because(result: WindowResult, semantics: Semantics, state: AlarmState): string {
  const of = `of ${result.periods} datapoints`;
  const filled = semantics.missing === 'breaching' || semantics.missing === 'not_breaching';
  const missing = result.missing === 0 ? '' : `, ${result.missing} missing${filled ? ` counted as ${semantics.missing}` : ''}`;
  if (state === 'alarm') return `${result.breaching} ${of} breaching threshold (${semantics.toAlarm} needed${missing})`;
  if (state === 'ok') {
    const limit = semantics.okThreshold !== undefined ? 'ok_threshold' : 'threshold';
    return `${result.clearing} ${of} inside ${limit} (${semantics.toOk} needed${missing})`;
  }
  return `${result.missing} ${of} missing`;
}

export function reasonData(result: WindowResult, semantics: Semantics, state: AlarmState): JsonObject {
  const disposition = state === 'alarm' ? 'outside' : state === 'ok' ? 'inside' : 'unknown';
  const count = state === 'alarm' ? result.breaching : state === 'ok' ? result.clearing : result.missing;
  const mostRecent = result.mostRecent !== null && Number.isFinite(result.mostRecent) ? result.mostRecent : null;
  return {
    type: 'threshold',
    disposition,
    count,
    most_recent: mostRecent,
    breaching: result.breaching,
    clearing: result.clearing,
    missing: result.missing,
    evaluation_periods: result.periods,
    datapoints_to_alarm: semantics.toAlarm,
    datapoints_to_ok: semantics.toOk,
    treat_missing_data: semantics.missing,
  };
}

/**
 * The transition table for a rule with semantics fields, as `decideThreshold` is Aodh's: a
 * verdict of alarm/ok/insufficient moves there, a hold keeps the state; an unchanged state
 * is re-notified only with repeat_actions, else nothing happens (`undefined`). A move to
 * alarm (or from alarm to ok) waits for pending_period (recovery_period) first (pending.ts).
 */
export function stepThreshold(
  result: WindowResult,
  semantics: Semantics,
  alarm: Pick<Alarm, 'state' | 'repeat_actions' | 'state_detail'>,
  now: Date,
): Decision | undefined {
  const target = targetOf(result.verdict, alarm.state);
  const why = `${because(result, semantics, target)}, most recent: ${shown(result.mostRecent)}`;
  return withPending({ target, why, decide: () => decide(result, semantics, alarm) }, semantics, alarm, now);
}

function decide(result: WindowResult, semantics: Semantics, alarm: Pick<Alarm, 'state' | 'repeat_actions'>): Decision | undefined {
  const current = alarm.state;
  const state = targetOf(result.verdict, current);
  if (state === current && !alarm.repeat_actions) return undefined;
  const lead = state === current ? `Remaining as ${state}` : `Transition to ${state}`;
  const held = result.verdict === 'hold' ? ' (held: neither datapoints_to_alarm nor datapoints_to_ok reached)' : '';
  return {
    state,
    reason: `${lead} due to ${because(result, semantics, state)}${held}, most recent: ${shown(result.mostRecent)}`,
    reasonData: reasonData(result, semantics, state),
  };
}
