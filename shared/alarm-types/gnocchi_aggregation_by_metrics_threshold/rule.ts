import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { gnocchiThresholdFields } from '../gnocchi-common/fields.js';

export const TYPE = 'gnocchi_aggregation_by_metrics_threshold';

/** §2.3: an aggregate across metrics given by id. */
export const gnocchiAggregationByMetricsFields = {
  ...gnocchiThresholdFields,
  metrics: { type: 'string[]', mandatory: true },
} as const satisfies ObjectSpec;

export function parseGnocchiAggregationByMetricsRule(input: unknown): JsonObject {
  return parseRuleObject(TYPE, input, gnocchiAggregationByMetricsFields);
}
