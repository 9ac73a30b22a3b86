import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { sourceFor } from '../../evaluation/read-source.js';
import { comparisonOf, numberField, stringField } from '../../evaluation/rule-fields.js';
import { classifyPeriods, fromSource } from '../../evaluation/threshold.js';
import { CLOUDWATCH, type CloudWatchQuery } from '../../metric-sources/cloudwatch/query.js';

/**
 * `evaluation_periods` whole periods ending at the last period boundary at or before now
 * (epoch-aligned, as CloudWatch aligns its buckets), so the bucket still filling is left out.
 * Unlike gnocchi there is no look-back period: CloudWatch's buckets are exact.
 */
export function cloudwatchWindow(now: Date, period: number, evaluationPeriods: number): { start: Date; end: Date } {
  const periodMs = period * 1000;
  const end = Math.floor(now.getTime() / periodMs) * periodMs;
  return { start: new Date(end - periodMs * evaluationPeriods), end: new Date(end) };
}

function dimensionsOf(rule: JsonObject): Array<{ name: string; value: string }> {
  const dimensions = rule.dimensions ?? [];
  if (!Array.isArray(dimensions)) throw new TypeError('stored rule field dimensions is invalid');
  return dimensions.map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TypeError('stored rule field dimensions is invalid');
    return { name: stringField(item, 'name'), value: stringField(item, 'value') };
  });
}

/** Sufficiency as gnocchi's (§3.3.3): fewer than `evaluation_periods` values is `<n> datapoints are unknown`. */
export async function evaluateCloudwatchThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  const cloudwatch = sourceFor(context.sources, CLOUDWATCH);
  const period = numberField(rule, 'period');
  const periods = numberField(rule, 'evaluation_periods');
  const { start, end } = cloudwatchWindow(context.now, period, periods);
  const query: CloudWatchQuery = {
    namespace: stringField(rule, 'namespace'),
    metricName: stringField(rule, 'metric_name'),
    dimensions: dimensionsOf(rule),
    statistic: stringField(rule, 'statistic'),
    period,
    start,
    end,
    ...(typeof rule.scope_to_project === 'string' && rule.scope_to_project !== '' ? { scopeToProject: rule.scope_to_project } : {}),
  };
  const fetched = await fromSource(() => cloudwatch.read(query), periods);
  if (!fetched.ok) return fetched.outcome;
  return classifyPeriods(fetched.value, { ...comparisonOf(rule), evaluation_periods: periods });
}
