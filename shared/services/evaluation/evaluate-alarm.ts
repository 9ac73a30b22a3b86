import type { AlarmTypePlugin } from '../../alarm-types/plugin.js';
import type { Alarm, AlarmState } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import type { Decision } from '../../evaluation/decision.js';
import { decideAlarmThreshold, windowOf } from '../../evaluation/semantics/decide.js';
import { withinTimeConstraints } from '../../evaluation/time-constraints.js';

/** One evaluation: the decision for `_refresh`, and the result the evaluation counters count. */
export interface AlarmEvaluation {
  decision: Decision | undefined;
  /** Set for unequivocal and insufficient results only (§3.3.6), whether or not the state changes. */
  counted?: AlarmState;
}

/**
 * One alarm, one cycle (Aodh's `Evaluator.evaluate` of the threshold family and composite):
 * time constraints first — outside every window nothing is queried at all (§3.2) — then the
 * type's own decision (composite) or the shared transition table over its threshold outcome.
 * `undefined` means do nothing; errors (e.g. MetricSourceUnavailableError) propagate to the
 * per-alarm handler, which leaves the alarm for the next cycle.
 */
export async function evaluateAlarm(alarm: Alarm, plugin: AlarmTypePlugin, context: EvaluationContext): Promise<Decision | undefined> {
  return (await evaluateAlarmResult(alarm, plugin, context)).decision;
}

/**
 * evaluateAlarm plus what it counts. Only threshold outcomes are counted: composite alarms
 * decide by themselves and Aodh does not count them (§3.5), and a trend is no firm result.
 */
export async function evaluateAlarmResult(alarm: Alarm, plugin: AlarmTypePlugin, context: EvaluationContext): Promise<AlarmEvaluation> {
  if (!withinTimeConstraints(alarm.time_constraints, context.now)) return { decision: undefined };
  if (plugin.evaluate) return { decision: await plugin.evaluate(alarm, context) };
  if (plugin.evaluateThreshold) {
    const outcome = await plugin.evaluateThreshold(alarm.rule, context);
    const counted = countedState(outcome, alarm);
    return { decision: decideAlarmThreshold(outcome, alarm, context.now), ...(counted ? { counted } : {}) };
  }
  return { decision: undefined };
}

/** A rule with semantics fields counts its verdict; a hold, like a trend, is no firm result. */
function countedState(outcome: ThresholdOutcome, alarm: Alarm): AlarmState | undefined {
  const evaluated = windowOf(outcome, alarm);
  if (evaluated) {
    const verdict = evaluated.window.verdict;
    return verdict === 'hold' ? undefined : verdict === 'insufficient' ? 'insufficient data' : verdict;
  }
  if (outcome.kind === 'insufficient') return 'insufficient data';
  return outcome.kind === 'unequivocal' ? outcome.state : undefined;
}
