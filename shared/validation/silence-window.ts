import { cronSchedule } from '../domain/cron-schedule.js';
import type { RecurringWindow, Silence } from '../domain/silence.js';
import { formatTimestamp, normaliseTimestamp, parseTimestamp } from '../domain/time.js';
import { invalidInput } from './errors.js';
import { parseObject, type ObjectSpec } from './fields.js';
import { checkCron, isTimezone, MAX_PATTERN_LENGTH } from './time-constraints.js';

/**
 * The longest a one-off silence may last, starts_at to ends_at: 30 days. Forgotten silences
 * hide real incidents (alertmanager#1639), so a longer outage takes a new silence and someone
 * decides again. A setting later; callers pass `maxTtlSeconds` to override it already.
 */
export const SILENCE_MAX_TTL_SECONDS = 30 * 86_400;

/** How far ahead `starts_at` may lie: a window scheduled more than a year out is most likely a wrong year. */
export const SILENCE_MAX_LEAD_SECONDS = 366 * 86_400;

/** A recurring window lasts 1 s to 7 days: longer than a week, it would be a permanent silence with a cron attached. */
export const RECURRING_DURATION_MIN = 1;
export const RECURRING_DURATION_MAX = 7 * 86_400;

const legalTimestamp = (value: string): string | undefined => (parseTimestamp(value) ? undefined : `'${value}' is not a legal datetime value`);

/** The window attributes of a silence body, in the order their errors are found. */
export const WINDOW_FIELDS = {
  starts_at: { type: 'string', check: legalTimestamp },
  ends_at: { type: 'string', nullable: true, check: legalTimestamp },
} as const satisfies ObjectSpec;

const recurringFields = {
  start: { type: 'string', mandatory: true, maxLength: MAX_PATTERN_LENGTH, check: checkCron },
  duration: { type: 'int', mandatory: true, min: RECURRING_DURATION_MIN, max: RECURRING_DURATION_MAX },
  // pytz-style IANA names only, as time constraints; absent means UTC, stored as such.
  timezone: { type: 'string', default: 'UTC', check: (zone) => (isTimezone(zone) ? undefined : `Timezone ${zone} is not valid`) },
} as const satisfies ObjectSpec;

export interface WindowInput {
  /** The parsed texts; undefined when absent. */
  starts_at?: string;
  ends_at?: string | null;
  recurring: unknown;
}

export interface WindowContext {
  now: Date;
  /** `starts_at` when the body has none: now at create, the stored one at update. */
  defaultStartsAt: string;
  maxTtlSeconds: number;
}

type Window = Pick<Silence, 'starts_at' | 'ends_at' | 'recurring'>;

/** `recurring`: absent or null → a one-off silence; otherwise a time-constraint-like window that must ever fire. */
function parseRecurring(value: unknown): RecurringWindow | null {
  if (value === undefined || value === null) return null;
  const fields = parseObject(value, recurringFields, 'data.recurring');
  const recurring = { start: fields.start as string, duration: fields.duration as number, timezone: fields.timezone as string };
  // As for time constraints: a pattern no date matches (Feb 30) would be a silence that never silences.
  if (!cronSchedule(recurring.start, recurring.timezone).firesEver) {
    throw invalidInput('start', recurring.start, `[${recurring.start}] never fires: no date matches it`);
  }
  return recurring;
}

/** The recurring window opens (or is open) at least once in [start, end). */
function opensWithin(recurring: RecurringWindow, start: number, end: number): boolean {
  const schedule = cronSchedule(recurring.start, recurring.timezone);
  const latest = schedule.latestAtOrBefore(start);
  if (latest !== undefined && start - latest < recurring.duration * 1000) return true;
  const next = schedule.nextAtOrAfter(start);
  return next !== undefined && next < end;
}

/**
 * The window of a silence, after its fields are parsed: starts_at defaults (see context), at
 * most SILENCE_MAX_LEAD_SECONDS ahead; ends_at later than starts_at and in the future (a
 * silence that is over already is a DELETE). One-off: ends_at required, at most
 * `maxTtlSeconds` after starts_at. Recurring: ends_at optional (null: the series never
 * stops), and the window must open at least once before it.
 */
export function checkWindow(input: WindowInput, context: WindowContext): Window {
  const recurring = parseRecurring(input.recurring);
  const startsAt = input.starts_at === undefined ? context.defaultStartsAt : (normaliseTimestamp(input.starts_at) as string);
  const start = (parseTimestamp(startsAt) as Date).getTime();
  const now = context.now.getTime();
  if (start - now > SILENCE_MAX_LEAD_SECONDS * 1000) {
    throw invalidInput('starts_at', input.starts_at, `starts_at may be at most ${SILENCE_MAX_LEAD_SECONDS} seconds (366 days) ahead`);
  }
  const endText = input.ends_at ?? null;
  if (endText === null) {
    if (recurring === null) {
      throw invalidInput('ends_at', undefined, `Mandatory field missing. A one-off silence needs an end at most ${context.maxTtlSeconds} seconds after starts_at`);
    }
    return { starts_at: startsAt, ends_at: null, recurring };
  }
  const endsAt = normaliseTimestamp(endText) as string;
  const end = (parseTimestamp(endsAt) as Date).getTime();
  if (end <= start) throw invalidInput('ends_at', endText, `ends_at must be later than starts_at (${startsAt})`);
  if (end <= now) throw invalidInput('ends_at', endText, `ends_at must be in the future (now is ${formatTimestamp(context.now)})`);
  if (recurring === null && end - start > context.maxTtlSeconds * 1000) {
    throw invalidInput('ends_at', endText, `A one-off silence may last at most ${context.maxTtlSeconds} seconds from starts_at`);
  }
  if (recurring !== null && !opensWithin(recurring, start, end)) {
    throw invalidInput('start', recurring.start, `[${recurring.start}] never fires between starts_at and ends_at`);
  }
  return { starts_at: startsAt, ends_at: endsAt, recurring };
}
