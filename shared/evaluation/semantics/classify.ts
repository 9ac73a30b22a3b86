import type { ComparisonRule } from '../comparison.js';
import { COMPARATORS } from '../threshold.js';
import type { Semantics } from './read.js';

/** What N points say: move to alarm or ok, stay where the alarm is, or no data at all. */
export type Verdict = 'alarm' | 'ok' | 'hold' | 'insufficient';

export interface WindowResult {
  verdict: Verdict;
  /** Points breaching `threshold`, missing ones filled as `treat_missing_data` says. */
  breaching: number;
  /** Points past `ok_threshold` (or not breaching `threshold` without one), likewise filled. */
  clearing: number;
  /** Of N, the points the source did not have. */
  missing: number;
  periods: number;
  mostRecent: number | null;
}

/**
 * Classifies the last N points. `values` are the points the source had, oldest first; the
 * window is N, so `N - values.length` are missing. Missing points count as breaching or
 * clearing under those policies; under `missing` and `ignore` they count as neither, so a
 * partial window decides only when the points present already reach M (alarm) or
 * datapoints_to_ok (ok), and holds the state otherwise (CloudWatch's "retain"). An empty
 * window is Aodh's insufficient data under `missing` and a hold under `ignore`. Alarm wins
 * when both counts are reached (possible only when M + datapoints_to_ok <= N).
 */
export function classifyWindow(values: readonly number[], semantics: Semantics, comparison: ComparisonRule): WindowResult {
  const periods = semantics.periods;
  const present = values.slice(-periods);
  const missing = periods - present.length;
  const breach = COMPARATORS[comparison.comparison_operator];
  const clearLimit = semantics.okThreshold ?? comparison.threshold;
  let breaching = present.filter((value) => breach(value, comparison.threshold)).length;
  // Past ok_threshold means no longer breaching it; without one, that is not breaching threshold.
  let clearing = present.filter((value) => !breach(value, clearLimit)).length;
  if (semantics.missing === 'breaching') breaching += missing;
  if (semantics.missing === 'not_breaching') clearing += missing;
  const mostRecent = present.length > 0 ? (present[present.length - 1] ?? null) : null;
  const result = { breaching, clearing, missing, periods, mostRecent };
  if (present.length === 0 && (semantics.missing === 'missing' || semantics.missing === 'ignore')) {
    return { verdict: semantics.missing === 'missing' ? 'insufficient' : 'hold', ...result };
  }
  if (breaching >= semantics.toAlarm) return { verdict: 'alarm', ...result };
  if (clearing >= semantics.toOk) return { verdict: 'ok', ...result };
  return { verdict: 'hold', ...result };
}
