import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { isJsonObject } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { comparisonFields } from '../../evaluation/comparison.js';

export const TYPE = 'prometheus';

/** §2.5: a PromQL query (not validated, as in Aodh) compared with a threshold. */
export const prometheusFields = {
  ...comparisonFields,
  query: { type: 'string', mandatory: true },
} as const satisfies ObjectSpec;

/**
 * `scope_to_project` is stored only and never returned by the API, so a client has no
 * legitimate copy to send. It is dropped rather than rejected so that a stored rule re-parsed
 * (or echoed by a tool) still passes; validateRule always sets it from the request context,
 * so a client can never choose its own scope.
 */
export function parsePrometheusRule(input: unknown): JsonObject {
  if (isJsonObject(input) && Object.hasOwn(input, 'scope_to_project')) {
    const { scope_to_project: _dropped, ...rest } = input;
    return parseRuleObject(TYPE, rest, prometheusFields);
  }
  return parseRuleObject(TYPE, input, prometheusFields);
}
