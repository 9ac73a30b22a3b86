import type { AlarmTypePlugin } from '../alarm-types/plugin.js';
import type { Alarm } from '../domain/alarm.js';
import type { EvaluationContext } from './context.js';
import type { Decision } from './decision.js';
import { decideThreshold } from './threshold.js';
import { withinTimeConstraints } from './time-constraints.js';

/**
 * One alarm, one cycle (Aodh's `Evaluator.evaluate` of the threshold family and composite):
 * time constraints first — outside every window nothing is queried at all (§3.2) — then the
 * type's own decision (composite) or the shared transition table over its threshold outcome.
 * `undefined` means do nothing; errors (e.g. MetricSourceUnavailableError) propagate to the
 * per-alarm handler, which leaves the alarm for the next cycle.
 */
export async function evaluateAlarm(alarm: Alarm, plugin: AlarmTypePlugin, context: EvaluationContext): Promise<Decision | undefined> {
  if (!withinTimeConstraints(alarm.time_constraints, context.now)) return undefined;
  if (plugin.evaluate) return plugin.evaluate(alarm, context);
  if (plugin.evaluateThreshold) return decideThreshold(await plugin.evaluateThreshold(alarm.rule, context), alarm);
  return undefined;
}
