import { parseTimestamp } from '../../domain/time.js';
import { InvalidInputError } from '../../errors.js';

/** The explicit bounds of one back-test: a week of history, and a day of minutes in steps. */
export const BACKTEST_MAX_RANGE_S = 7 * 24 * 3600;
// 2.7 ms a step measured locally (27 s for 10,080): 1,440 stays well inside the API function's 10 s timeout.
export const BACKTEST_MAX_STEPS = 1_440;

export interface BacktestRange {
  start: Date;
  end: Date;
  /** The evaluation times: start, start + interval, … while before end (the range is [start, end)). */
  times: Date[];
}

function timestampField(body: Record<string, unknown>, field: 'start' | 'end'): Date {
  const value = body[field];
  if (value === undefined) throw new InvalidInputError(`Mandatory field missing: ${field}`, field);
  const date = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (!date) throw new InvalidInputError(`Invalid input for field/attribute ${field}. Value: '${String(value)}'. Value should be an ISO 8601 timestamp`, field);
  return date;
}

/**
 * `start`/`end` of a back-test body, checked against its limits (each 400 names the limit):
 * start < end, end ≤ now, end − start ≤ 7 days, at most 10,080 steps of `intervalS`.
 */
export function parseBacktestRange(body: Record<string, unknown>, now: Date, intervalS: number): BacktestRange {
  const start = timestampField(body, 'start');
  const end = timestampField(body, 'end');
  const bad = (field: string, why: string) => new InvalidInputError(`Invalid input for field/attribute ${field}. ${why}`, field);
  if (start.getTime() >= end.getTime()) throw bad('start', 'Value should be before end');
  if (end.getTime() > now.getTime()) throw bad('end', 'Value should not be in the future (a back-test replays history)');
  const rangeS = (end.getTime() - start.getTime()) / 1000;
  if (rangeS > BACKTEST_MAX_RANGE_S) throw bad('end', `The range should be at most 7 days (${BACKTEST_MAX_RANGE_S} s), got ${rangeS} s`);
  const steps = Math.ceil(rangeS / intervalS);
  if (steps > BACKTEST_MAX_STEPS) {
    throw bad('end', `The range should be at most ${BACKTEST_MAX_STEPS} steps of the evaluation interval (${intervalS} s), got ${steps}`);
  }
  const times = Array.from({ length: steps }, (_, i) => new Date(start.getTime() + i * intervalS * 1000));
  return { start, end, times };
}
