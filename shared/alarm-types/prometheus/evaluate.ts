import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { sourceFor } from '../../evaluation/read-source.js';
import { comparisonOf, stringField } from '../../evaluation/rule-fields.js';
import { classifyThreshold, fromSource, insufficientOutcome } from '../../evaluation/threshold.js';
import { PROMETHEUS, type PrometheusQuery } from '../../metric-sources/prometheus/query.js';

/**
 * §3.3.2: one instant query; every returned sample counts, and `evaluation_periods` does
 * not apply. No value is `datapoints are unknown` with count `len(values)`, i.e. 0. Aodh
 * scopes only when `scope_to_project` is truthy, so an empty string means unscoped too.
 */
export async function evaluatePrometheusThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  const prometheus = sourceFor(context.sources, PROMETHEUS);
  const scope = rule.scope_to_project;
  const query = stringField(rule, 'query');
  const request: PrometheusQuery = typeof scope === 'string' && scope !== '' ? { query, scopeToProject: scope } : { query };
  const fetched = await fromSource(() => prometheus.read(request), 0);
  if (!fetched.ok) return fetched.outcome;
  if (fetched.value.length === 0) return insufficientOutcome('datapoints are unknown', 0);
  return classifyThreshold(fetched.value, comparisonOf(rule));
}
