import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { evaluateGnocchiRule } from '../gnocchi-common/evaluate.js';
import { numberField, stringField } from '../../evaluation/rule-fields.js';
import { insufficientOutcome } from '../../evaluation/threshold.js';
import { isJsonObject } from '../../validation/fields.js';

/**
 * The stored search is a JSON *string* (§2.4), decoded at every evaluation. Aodh decodes it
 * inside the statistics call's catch-all, so an undecodable one is insufficient data
 * `alarm statistics retrieval failed: <error>`, not a crash. The API only stores JSON
 * objects, so this guards against corrupt rows; the error text is JS's, not CPython's.
 */
function searchQuery(rule: JsonObject): { ok: true; query: JsonObject } | { ok: false; outcome: ThresholdOutcome } {
  const periods = numberField(rule, 'evaluation_periods');
  const failed = (detail: string) => ({ ok: false as const, outcome: insufficientOutcome(`alarm statistics retrieval failed: ${detail}`, periods) });
  let parsed: unknown;
  try {
    parsed = JSON.parse(stringField(rule, 'query'));
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  return isJsonObject(parsed) ? { ok: true, query: parsed } : failed('the search query is not a JSON object');
}

/** §3.3.2: one dynamic aggregate of `metric` across the resources the stored search finds. */
export function evaluateGnocchiAggregationByResourcesThreshold(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome> {
  return evaluateGnocchiRule(rule, context, (base) => {
    const search = searchQuery(rule);
    if (!search.ok) return search.outcome;
    return { kind: 'resources', metric: stringField(rule, 'metric'), resourceType: stringField(rule, 'resource_type'), query: search.query, ...base };
  });
}
