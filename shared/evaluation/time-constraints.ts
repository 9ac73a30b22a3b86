import { cronSchedule } from '../domain/cron-schedule.js';
import type { TimeConstraint } from '../domain/alarm.js';

/** croniter's "exact minute" tolerance in Aodh's `_is_exact_match`. */
const EXACT_MATCH_MS = 60_000;

/**
 * One constraint of §3.2. Aodh builds a croniter in the constraint's zone (UTC when empty)
 * and accepts now when:
 * 1. the fire that follows croniter's previous one — i.e. the earliest fire at or after now —
 *    is less than 60 s away (`_is_exact_match`, which catches now sitting on a fire time,
 *    where croniter's get_prev skips to the fire before); or
 * 2. now lies in [latest fire at or before now, that fire + duration] (real seconds: pytz
 *    adds the timedelta without re-localising).
 * croner computes the fires as real instants in the zone, with Vixie cron's DST rules: a
 * fixed time in a spring-forward gap fires once right after the gap (02:30 → 03:00 in
 * Berlin), a fixed time repeated at fall-back fires once (first occurrence), and wildcard or
 * list hours fire on both passes. Day-of-month and day-of-week combine with OR, as croniter.
 * A pattern that never fires (`0 0 30 2 *`) makes croniter raise every cycle, leaving the
 * alarm unevaluated; here the constraint simply never holds, to the same effect (the API
 * refuses such patterns now; alarms stored before keep this behaviour).
 */
export function withinTimeConstraint(constraint: Pick<TimeConstraint, 'start' | 'duration' | 'timezone'>, now: Date): boolean {
  const schedule = cronSchedule(constraint.start, constraint.timezone);
  if (!schedule.firesEver) return false;
  const nowMs = now.getTime();
  const next = schedule.nextAtOrAfter(nowMs);
  if (next !== undefined && next - nowMs < EXACT_MATCH_MS) return true;
  const latest = schedule.latestAtOrBefore(nowMs);
  return latest !== undefined && nowMs - latest <= constraint.duration * 1000;
}

/**
 * §3.2 `within_time_constraint`: no constraints (empty or null) means always; otherwise any
 * one holding is enough. Outside every window the evaluator does nothing at all.
 */
export function withinTimeConstraints(constraints: readonly TimeConstraint[] | null | undefined, now: Date): boolean {
  if (!constraints || constraints.length === 0) return true;
  return constraints.some((constraint) => withinTimeConstraint(constraint, now));
}
