import type { Alarm } from '../../domain/alarm.js';
import type { ThresholdOutcome } from '../context.js';
import type { Decision } from '../decision.js';
import { comparisonOf } from '../rule-fields.js';
import { decideThreshold } from '../threshold.js';
import { classifyWindow, type WindowResult } from './classify.js';
import { stepThreshold } from './machine.js';
import { readSemantics, type Semantics } from './read.js';

/** The statistics an outcome holds, oldest first: all it compared, or what it saw before giving up. */
function valuesOf(outcome: ThresholdOutcome): number[] {
  return outcome.kind === 'insufficient' ? (outcome.seen ?? []) : outcome.values;
}

/**
 * N for the window: the rule's evaluation_periods; an instant prometheus query has none, and
 * each series it returns is one point then (at least 1, so no series at all is one missing point).
 */
function periodsOf(alarm: Pick<Alarm, 'rule'>, values: readonly number[]): number {
  const periods = alarm.rule.evaluation_periods;
  return typeof periods === 'number' ? periods : Math.max(1, values.length);
}

export interface SemanticsEvaluation {
  semantics: Semantics;
  window: WindowResult;
}

/** The rule's semantics and its window, or `undefined` for a rule without semantics fields. */
export function windowOf(outcome: ThresholdOutcome, alarm: Pick<Alarm, 'rule'>): SemanticsEvaluation | undefined {
  const values = valuesOf(outcome);
  const semantics = readSemantics(alarm.rule, periodsOf(alarm, values));
  if (!semantics) return undefined;
  return { semantics, window: classifyWindow(values, semantics, comparisonOf(alarm.rule)) };
}

/**
 * The shared threshold decision for every threshold type: Aodh's transition table
 * (decideThreshold) for a rule without semantics fields — exactly Aodh's behaviour — and the
 * M-of-N / missing-data / hysteresis machine for one with them.
 */
export function decideAlarmThreshold(
  outcome: ThresholdOutcome,
  alarm: Pick<Alarm, 'state' | 'repeat_actions' | 'rule' | 'state_detail'>,
  now: Date,
): Decision | undefined {
  const evaluated = windowOf(outcome, alarm);
  if (!evaluated) return decideThreshold(outcome, alarm);
  return stepThreshold(evaluated.window, evaluated.semantics, alarm, now);
}
