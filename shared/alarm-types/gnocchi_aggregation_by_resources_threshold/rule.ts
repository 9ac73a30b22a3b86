import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { gnocchiThresholdFields } from '../gnocchi-common/fields.js';

export const TYPE = 'gnocchi_aggregation_by_resources_threshold';

/** §2.4: an aggregate of one metric across the resources a Gnocchi search finds. */
export const gnocchiAggregationByResourcesFields = {
  ...gnocchiThresholdFields,
  metric: { type: 'string', mandatory: true },
  // A *string* holding the JSON search; its JSON is checked with the request context (validateRule).
  query: { type: 'string', mandatory: true },
  resource_type: { type: 'string', mandatory: true },
} as const satisfies ObjectSpec;

export function parseGnocchiAggregationByResourcesRule(input: unknown): JsonObject {
  return parseRuleObject(TYPE, input, gnocchiAggregationByResourcesFields);
}
