import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { sourceFor } from '../../evaluation/read-source.js';
import { comparisonOf, stringField } from '../../evaluation/rule-fields.js';
import { classifyPeriods, classifyThreshold, fromSource, insufficientOutcome } from '../../evaluation/threshold.js';
import { PROMETHEUS, type PrometheusQuery } from '../../metric-sources/prometheus/query.js';
import { DEFAULT_PROMETHEUS_GRANULARITY } from './rule.js';

/**
 * The last `periods` steps of `step` seconds ending at the last step boundary at or before
 * now (epoch-aligned, so alarms on the same query share one coalesced read per cycle).
 */
export function prometheusRange(now: Date, step: number, periods: number): { start: number; end: number; step: number } {
  const end = Math.floor(now.getTime() / 1000 / step) * step;
  return { start: end - (periods - 1) * step, end, step };
}

/**
 * §3.3.2: one instant query; every returned sample counts, and `evaluation_periods` does
 * not apply. No value is `datapoints are unknown` with count `len(values)`, i.e. 0. Aodh
 * scopes only when `scope_to_project` is truthy, so an empty string means unscoped too.
 * Beyond Aodh, a rule with `evaluation_periods` is a range query over that many steps,
 * classified as gnocchi's periods (`<n> datapoints are unknown` when fewer).
 */
export async function evaluatePrometheusThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  const prometheus = sourceFor(context.sources, PROMETHEUS);
  const scope = rule.scope_to_project;
  const query = stringField(rule, 'query');
  const periods = typeof rule.evaluation_periods === 'number' ? rule.evaluation_periods : undefined;
  const step = typeof rule.granularity === 'number' ? rule.granularity : DEFAULT_PROMETHEUS_GRANULARITY;
  const request: PrometheusQuery = {
    query,
    ...(typeof scope === 'string' && scope !== '' ? { scopeToProject: scope } : {}),
    ...(periods !== undefined ? { range: prometheusRange(context.now, step, periods) } : {}),
    // Only a back-test pins the instant query's time: the live query stays exactly Aodh's.
    ...(periods === undefined && context.replay ? { at: context.now.getTime() / 1000 } : {}),
  };
  const fetched = await fromSource(() => prometheus.read(request), periods ?? 0);
  if (!fetched.ok) return fetched.outcome;
  if (periods !== undefined) return classifyPeriods(fetched.value, { ...comparisonOf(rule), evaluation_periods: periods });
  if (fetched.value.length === 0) return insufficientOutcome('datapoints are unknown', 0);
  return classifyThreshold(fetched.value, comparisonOf(rule));
}
