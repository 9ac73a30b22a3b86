import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { evaluateGnocchiRule } from '../gnocchi-common/evaluate.js';
import { stringField } from '../../evaluation/rule-fields.js';

/** §3.3.2: the measures of metric `metric` of resource `resource_id`. */
export function evaluateGnocchiResourcesThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  return evaluateGnocchiRule(rule, context, (base) => ({
    kind: 'resource',
    metric: stringField(rule, 'metric'),
    resourceId: stringField(rule, 'resource_id'),
    resourceType: stringField(rule, 'resource_type'),
    ...base,
  }));
}
