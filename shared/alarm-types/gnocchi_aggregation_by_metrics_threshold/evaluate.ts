import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { evaluateGnocchiRule } from '../gnocchi-common/evaluate.js';
import { stringListField } from '../../evaluation/rule-fields.js';

/** §3.3.2: one dynamic aggregate across the metrics given by id (needed_overlap=0 is the source's). */
export function evaluateGnocchiAggregationByMetricsThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  return evaluateGnocchiRule(rule, context, (base) => ({ kind: 'metrics', metrics: stringListField(rule, 'metrics'), ...base }));
}
