import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { isJsonObject } from '../../validation/fields.js';
import { invalidInput } from '../../validation/errors.js';
import { parseRuleObject } from '../rule-object.js';
import { comparisonFields } from '../../evaluation/comparison.js';
import { checkSemantics, semanticsFields } from '../../evaluation/semantics/fields.js';

export const TYPE = 'prometheus';

/** The step of a range rule when only evaluation_periods is given, as gnocchi's default granularity. */
export const DEFAULT_PROMETHEUS_GRANULARITY = 60;

/**
 * §2.5: a PromQL query (not validated, as in Aodh) compared with a threshold. Beyond Aodh,
 * `evaluation_periods` (and `granularity`, the step in seconds) make it a range query over the
 * last N steps, so N points mean the same as on the other sources; absent, it is Aodh's instant query.
 */
export const prometheusFields = {
  ...comparisonFields,
  query: { type: 'string', mandatory: true },
  evaluation_periods: { type: 'int', min: 1, max: 100 },
  granularity: { type: 'int', min: 1, max: 86_400 },
  ...semanticsFields,
} as const satisfies ObjectSpec;

function parse(input: unknown): JsonObject {
  const rule = parseRuleObject(TYPE, input, prometheusFields);
  if (typeof rule.granularity === 'number' && rule.evaluation_periods === undefined) {
    throw invalidInput('granularity', rule.granularity, 'granularity needs evaluation_periods (a range query over evaluation_periods steps)');
  }
  return checkSemantics(rule);
}

/**
 * `scope_to_project` is stored only and never returned by the API, so a client has no
 * legitimate copy to send. It is dropped rather than rejected so that a stored rule re-parsed
 * (or echoed by a tool) still passes; validateRule always sets it from the request context,
 * so a client can never choose its own scope.
 */
export function parsePrometheusRule(input: unknown): JsonObject {
  if (isJsonObject(input) && Object.hasOwn(input, 'scope_to_project')) {
    const { scope_to_project: _dropped, ...rest } = input;
    return parse(rest);
  }
  return parse(input);
}
