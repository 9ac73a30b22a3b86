import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { gnocchiThresholdFields } from '../gnocchi-common/fields.js';

export const TYPE = 'gnocchi_resources_threshold';

/** §2.2: one metric (by name) of one resource. */
export const gnocchiResourcesThresholdFields = {
  ...gnocchiThresholdFields,
  metric: { type: 'string', mandatory: true },
  resource_id: { type: 'string', mandatory: true },
  resource_type: { type: 'string', mandatory: true },
} as const satisfies ObjectSpec;

export function parseGnocchiResourcesThresholdRule(input: unknown): JsonObject {
  return parseRuleObject(TYPE, input, gnocchiResourcesThresholdFields);
}
