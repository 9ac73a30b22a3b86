import { formatTimestamp } from '../../domain/time.js';
import { insufficientOutcome, type InsufficientOutcome } from '../../evaluation/threshold.js';
import type { GnocchiPoint } from '../../metric-sources/gnocchi/query.js';

/** Aodh's `look_back`: one extra period fetched so the newest complete bucket is in reach. */
const LOOK_BACK = 1;

/**
 * §3.3.1 `_bound_duration`: `granularity × (evaluation_periods + 1) + lag` seconds back from
 * now, as naive-UTC ISO strings (Python's isoformat: no zone, microseconds only when non-zero).
 */
export function window(now: Date, granularity: number, evaluationPeriods: number, lag: number): { start: string; stop: string } {
  const seconds = granularity * (evaluationPeriods + LOOK_BACK) + lag;
  return { start: formatTimestamp(new Date(now.getTime() - seconds * 1000)), stop: formatTimestamp(now) };
}

export type SanitisedGnocchi = { kind: 'values'; values: number[] } | InsufficientOutcome;

/**
 * §3.3.3 `_sanitize` plus the sufficiency check of `evaluate_rule`: points of the rule's
 * granularity only (`No datapoint for granularity <g>` when none, with no statistics), then
 * the last `evaluation_periods` values (`<n> datapoints are unknown` when fewer, with the
 * values seen). No trailing-bucket drop, no outlier exclusion: Aodh does neither. NaN values
 * stay (every comparison with NaN is false, as in Python); a null one among those compared throws.
 */
export function sanitiseGnocchi(points: readonly GnocchiPoint[], rule: { granularity: number; evaluation_periods: number }): SanitisedGnocchi {
  const periods = rule.evaluation_periods;
  const values = points.filter((point) => point[1] === rule.granularity).map((point) => point[2]);
  if (values.length === 0) return insufficientOutcome(`No datapoint for granularity ${rule.granularity}`, periods);
  const kept = values.slice(-periods);
  const numbers = kept.filter((value): value is number => value !== null);
  if (kept.length < periods) return insufficientOutcome(`${periods} datapoints are unknown`, periods, numbers);
  // Python raises comparing None with the threshold: the evaluation fails and the alarm stays as it is.
  if (numbers.length < kept.length) throw new TypeError("'<' not supported between instances of 'NoneType' and 'float' (a null value from Gnocchi)");
  return { kind: 'values', values: numbers };
}
