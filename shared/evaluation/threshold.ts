import type { Alarm, AlarmState } from '../domain/alarm.js';
import { InsufficientDataError } from '../errors.js';
import type { ThresholdOutcome } from './context.js';
import type { Decision } from './decision.js';
import { pyFloat } from '../python/repr.js';
import type { ComparisonOperator, ComparisonRule } from './comparison.js';

export type InsufficientOutcome = Extract<ThresholdOutcome, { kind: 'insufficient' }>;

const UNKNOWN: AlarmState = 'insufficient data';

/** `%s` of the most recent statistic: always a Python float (`85.0`, `1e+16`), or `None`. */
function pyFloatOrNone(value: number | null): string {
  return value === null ? 'None' : pyFloat(value);
}

/**
 * `most_recent` in reason_data: Aodh writes NaN there (json.dumps' invalid `NaN`), which
 * neither DynamoDB nor JSON can hold; null stands for it. The reason text keeps `nan`.
 */
function jsonNumber(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Python's `operator.lt` … `operator.gt` on floats: IEEE comparisons, as JS's (NaN included). */
export const COMPARATORS: Record<ComparisonOperator, (value: number, limit: number) => boolean> = {
  lt: (v, l) => v < l,
  le: (v, l) => v <= l,
  eq: (v, l) => v === l,
  ne: (v, l) => v !== l,
  ge: (v, l) => v >= l,
  gt: (v, l) => v > l,
};

/**
 * §3.3.5 `_process_statistics`. Callers check sufficiency first (there is always at least
 * one value); with none, Python's `all([])` would make it an unequivocal alarm, and so does this.
 */
export function classifyThreshold(values: number[], rule: ComparisonRule): ThresholdOutcome {
  const compare = COMPARATORS[rule.comparison_operator];
  const compared = values.map((value) => compare(value, rule.threshold));
  const outsideCount = compared.filter(Boolean).length;
  if (outsideCount === values.length) return { kind: 'unequivocal', state: 'alarm', values, outsideCount };
  if (outsideCount === 0) return { kind: 'unequivocal', state: 'ok', values, outsideCount };
  return { kind: 'trending', state: compared[compared.length - 1] ? 'alarm' : 'ok', values, outsideCount };
}

/** Aodh's InsufficientDataError(reason, statistics): most_recent is the last statistic seen, if any. */
export function insufficientOutcome(reason: string, count: number, values: readonly number[] = []): InsufficientOutcome {
  const mostRecent = values.length > 0 ? (values[values.length - 1] ?? null) : null;
  return { kind: 'insufficient', reason, count, mostRecent, ...(values.length > 0 ? { seen: [...values] } : {}) };
}

/**
 * The gnocchi-style periods rule (§3.3.3), shared by CloudWatch: keep the last
 * `evaluation_periods` values; fewer than that is `<n> datapoints are unknown`.
 */
export function classifyPeriods(values: readonly number[], rule: ComparisonRule & { evaluation_periods: number }): ThresholdOutcome {
  const periods = rule.evaluation_periods;
  const kept = values.slice(-periods);
  if (kept.length < periods) return insufficientOutcome(`${periods} datapoints are unknown`, periods, kept);
  return classifyThreshold(kept, rule);
}

/**
 * Runs a metric-source call, turning InsufficientDataError (the source's verbatim §3.3.4
 * reason) into an insufficient outcome with no statistics. Anything else propagates:
 * MetricSourceUnavailableError leaves the state alone until the next cycle.
 */
export async function fromSource<T>(
  call: () => Promise<T>,
  count: number,
): Promise<{ ok: true; value: T } | { ok: false; outcome: InsufficientOutcome }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof InsufficientDataError) return { ok: false, outcome: insufficientOutcome(error.message, count) };
    throw error;
  }
}

/**
 * `ThresholdEvaluator._reason`: `ok` counts the values inside, any other state the values
 * outside (even `insufficient data`, hence the §13.17 wording). The verb depends on whether
 * the state changes.
 */
function thresholdDecision(
  current: AlarmState,
  state: AlarmState,
  total: number,
  outsideCount: number,
  mostRecent: number | null,
): Decision {
  const disposition = state === 'ok' ? 'inside' : 'outside';
  const count = state === 'ok' ? total - outsideCount : outsideCount;
  const lead = current === state ? `Remaining as ${state}` : `Transition to ${state}`;
  return {
    state,
    reason: `${lead} due to ${count} samples ${disposition} threshold, most recent: ${pyFloatOrNone(mostRecent)}`,
    reasonData: { type: 'threshold', disposition, count, most_recent: jsonNumber(mostRecent) },
  };
}

/** §3.3.6 `_transition_alarm`. `undefined` is a "Nothing" row: no write, no notification. */
export function decideThreshold(outcome: ThresholdOutcome, alarm: Pick<Alarm, 'state' | 'repeat_actions'>): Decision | undefined {
  const current = alarm.state;
  const repeat = alarm.repeat_actions;
  if (outcome.kind === 'insufficient') {
    if (current !== UNKNOWN) {
      return {
        state: UNKNOWN,
        reason: outcome.reason,
        reasonData: { type: 'threshold', disposition: 'unknown', count: outcome.count, most_recent: jsonNumber(outcome.mostRecent) },
      };
    }
    // §13.17, kept for compatibility: Aodh re-notifies through `_reason` with 0 samples
    // outside, so the text talks of a threshold although nothing was compared.
    return repeat ? thresholdDecision(current, UNKNOWN, 0, 0, outcome.mostRecent) : undefined;
  }
  const last = outcome.values.length > 0 ? (outcome.values[outcome.values.length - 1] ?? null) : null;
  const total = outcome.values.length;
  if (outcome.kind === 'trending') {
    // A trend only decides when there is nothing firmer: from `insufficient data`. Otherwise
    // the state is held, and a repeat re-notifies the held state with its own reason.
    if (current === UNKNOWN) return thresholdDecision(current, outcome.state, total, outcome.outsideCount, last);
    return repeat ? thresholdDecision(current, current, total, outcome.outsideCount, last) : undefined;
  }
  if (current !== outcome.state || repeat) return thresholdDecision(current, outcome.state, total, outcome.outsideCount, last);
  return undefined;
}
