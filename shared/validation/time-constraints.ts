import { Cron } from 'croner';
import type { JsonObject, TimeConstraint } from '../domain/alarm.js';
import { cronSchedule } from '../domain/cron-schedule.js';
import { InvalidInputError } from '../errors.js';
import { invalidInput } from './errors.js';
import { parseField, type ObjectSpec } from './fields.js';

/**
 * Aodh has no limit. Real schedules need a handful (one window per weekday, split for a
 * lunch break, is ten); each constraint is checked on every evaluation of the alarm, so the
 * cap is what bounds the time one alarm can cost a cycle (about 0.5 ms a constraint at worst).
 */
export const MAX_TIME_CONSTRAINTS = 20;

/** The longest cron pattern accepted: every minute listed one by one (`0,1,…,59 …`) still fits. */
export const MAX_PATTERN_LENGTH = 256;

/** croniter's nicknames; anything else must have exactly five fields. */
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** croniter's CroniterBadCronError for a wrong number of columns. */
const BAD_LENGTH = 'Exactly 5 or 6 columns has to be specified for iterator expression.';

/**
 * `croniter(value)` must accept it, with croniter's messages. croniter also takes a sixth
 * column (seconds, last); the evaluator schedules by the minute, so six columns are refused
 * (a documented departure) with croniter's generic text.
 */
export function checkCron(value: string): string | undefined {
  const text = value.trim();
  const fields = text.split(/\s+/);
  if (NICKNAMES.has(text.toLowerCase())) return undefined;
  if (fields.length !== 5 && fields.length !== 6) return BAD_LENGTH;
  if (fields.length !== 5) return `[${value}] is not acceptable`;
  try {
    new Cron(text, { paused: true }).stop();
    return undefined;
  } catch {
    return `[${value}] is not acceptable`;
  }
}

/** pytz knows IANA names only; Intl also takes UTC offsets such as `+01:00`, which pytz refuses. */
export function isTimezone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** §1.3, one constraint after its fields are parsed: the timezone check and the computed description. */
function finishConstraint(tc: JsonObject): JsonObject {
  const timezone = tc.timezone as string;
  if (timezone !== '' && !isTimezone(timezone)) throw new InvalidInputError(`Timezone ${timezone} is not valid`, 'timezone');
  // croniter accepts these and then raises on every evaluation; refusing them keeps the evaluator from paying for them.
  if (!cronSchedule(tc.start as string, timezone).firesEver) {
    throw invalidInput('start', tc.start, `[${String(tc.start)}] never fires: no date matches it`);
  }
  const description = tc.description || `Time constraint at ${String(tc.start)} lasting for ${String(tc.duration)} seconds`;
  return { name: tc.name as string, description, start: tc.start as string, duration: tc.duration as number, timezone };
}

const timeConstraintFields = {
  name: { type: 'string', mandatory: true },
  description: { type: 'string' },
  start: { type: 'string', mandatory: true, maxLength: MAX_PATTERN_LENGTH, check: checkCron },
  duration: { type: 'int', mandatory: true, min: 0 },
  timezone: { type: 'string', default: '' },
} as const satisfies ObjectSpec;

/**
 * `time_constraints` of an alarm body: absent → [], explicit null kept (Aodh stores it),
 * otherwise each constraint checked, then names must be unique within the alarm.
 */
export function parseTimeConstraints(value: unknown): TimeConstraint[] | null {
  // Counted before parsing: the usual message would repeat the whole (large) list back.
  if (Array.isArray(value) && value.length > MAX_TIME_CONSTRAINTS) {
    throw new InvalidInputError(`At most ${MAX_TIME_CONSTRAINTS} time constraints are allowed per alarm, got ${value.length}.`, 'time_constraints');
  }
  const parsed = parseField('time_constraints', value, {
    type: 'object[]',
    fields: timeConstraintFields,
    finish: finishConstraint,
    default: [],
    nullable: true,
  });
  if (parsed === null || parsed === undefined) return null;
  const constraints = parsed as unknown as TimeConstraint[];
  const names = constraints.map((tc) => tc.name);
  if (new Set(names).size !== names.length) {
    throw new InvalidInputError('Time constraint names must be unique for a given alarm.', 'time_constraints');
  }
  return constraints;
}
