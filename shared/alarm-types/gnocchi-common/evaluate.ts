import type { JsonObject } from '../../domain/alarm.js';
import type { EvaluationContext, ThresholdOutcome } from '../../evaluation/context.js';
import { sourceFor } from '../../evaluation/read-source.js';
import { comparisonOf, numberField, stringField } from '../../evaluation/rule-fields.js';
import { classifyThreshold, fromSource } from '../../evaluation/threshold.js';
import { GNOCCHI, type GnocchiQuery } from '../../metric-sources/gnocchi/query.js';
import { sanitiseGnocchi, window } from './sanitise.js';

/** The query fields common to the three gnocchi types; each type adds what it selects. */
export interface GnocchiQueryBase {
  aggregation: string;
  granularity: number;
  start: string;
  stop: string;
}

/**
 * §3.3.1–§3.3.5 for a gnocchi rule: window, fetch, sanitise, classify. `buildQuery` adds the
 * type's selector (§3.3.2); it may itself answer with an insufficient outcome (a stored
 * search query Gnocchi could not take). The aggregation is passed as stored: the source
 * derives the per-metric one (`rate:` removed, §3.3.2) when it builds the operations.
 */
export async function evaluateGnocchiRule(
  rule: JsonObject,
  context: EvaluationContext,
  buildQuery: (base: GnocchiQueryBase) => GnocchiQuery | ThresholdOutcome,
): Promise<ThresholdOutcome> {
  const gnocchi = sourceFor(context.sources, GNOCCHI);
  const comparison = comparisonOf(rule);
  const granularity = numberField(rule, 'granularity');
  const periods = numberField(rule, 'evaluation_periods');
  const aggregation = stringField(rule, 'aggregation_method');
  const { start, stop } = window(context.now, granularity, periods, context.additionalIngestionLag);
  const query = buildQuery({ aggregation, granularity, start, stop });
  if (!isGnocchiQuery(query)) return query;
  const fetched = await fromSource(() => gnocchi.read(query), periods);
  if (!fetched.ok) return fetched.outcome;
  const sanitised = sanitiseGnocchi(fetched.value, { granularity, evaluation_periods: periods });
  return sanitised.kind === 'values' ? classifyThreshold(sanitised.values, comparison) : sanitised;
}

function isGnocchiQuery(value: GnocchiQuery | ThresholdOutcome): value is GnocchiQuery {
  return value.kind === 'resource' || value.kind === 'metrics' || value.kind === 'resources';
}
