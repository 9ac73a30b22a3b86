import { SEVERITIES } from '../domain/alarm.js';
import { SILENCE_MATCHER_NAMES, type SilenceMatcher } from '../domain/silence.js';
import { InvalidInputError } from '../errors.js';
import { invalidInput } from './errors.js';
import { parseField, type ObjectSpec } from './fields.js';

/**
 * Checked before parsing, so a huge list costs nothing and is not echoed back. With unique
 * names at most five matchers can pass today; the cap leaves room for more matcher names
 * (series labels) without letting a list grow unbounded.
 */
export const MAX_SILENCE_MATCHERS = 16;

/** Aodh's name and id columns are 255 and 128 characters: a longer value could never match. */
export const SILENCE_MATCHER_VALUE_MAX = 255;

const matcherFields = {
  name: { type: 'enum', values: SILENCE_MATCHER_NAMES, mandatory: true },
  value: { type: 'string', mandatory: true, minLength: 1, maxLength: SILENCE_MATCHER_VALUE_MAX },
} as const satisfies ObjectSpec;

export interface MatcherContext {
  /** The registered alarm types: a `type` matcher naming another could never match. */
  alarmTypes: readonly string[];
  /** A `project_id` matcher reaches beyond the silence's project, which only admins may. */
  isAdmin: boolean;
}

/** The value rules a matcher's name adds; the detail names the matcher, the message the field. */
function checkValue(matcher: SilenceMatcher, context: MatcherContext): void {
  const { name, value } = matcher;
  if (name === 'severity' && !(SEVERITIES as readonly string[]).includes(value)) {
    throw invalidInput('value', value, `A severity matcher's value should be one of: ${SEVERITIES.join(', ')}`);
  }
  if (name === 'type' && !context.alarmTypes.includes(value)) {
    throw invalidInput('value', value, `A type matcher's value should be one of: ${context.alarmTypes.join(', ')}`);
  }
  if (name === 'project_id' && !context.isAdmin) {
    throw invalidInput('name', name, 'Only admins may match on project_id: a silence applies to its own project');
  }
}

/**
 * `matchers`: mandatory, 1 to MAX_SILENCE_MATCHERS `{name, value}` objects with unique names
 * (all must match, so a repeated name would either be redundant or never match). Values are
 * kept as given: an `alarm_name` glob is compiled only when matching (python/fnmatch.ts
 * compiles any text, linear in its length, so there is nothing to refuse).
 */
export function parseMatchers(value: unknown, context: MatcherContext): SilenceMatcher[] {
  if (Array.isArray(value) && value.length > MAX_SILENCE_MATCHERS) {
    throw new InvalidInputError(`At most ${MAX_SILENCE_MATCHERS} matchers are allowed per silence, got ${value.length}.`, 'matchers');
  }
  const parsed = parseField('matchers', value, { type: 'object[]', fields: matcherFields, mandatory: true });
  const matchers = parsed as unknown as SilenceMatcher[];
  if (matchers.length === 0) {
    throw invalidInput('matchers', matchers, 'At least one matcher is required: an empty list would silence every alarm of the project');
  }
  for (const matcher of matchers) checkValue(matcher, context);
  const names = matchers.map((matcher) => matcher.name);
  if (new Set(names).size !== names.length) {
    throw new InvalidInputError('Matcher names must be unique for a given silence.', 'matchers');
  }
  return matchers.map(({ name, value: text }) => ({ name, value: text }));
}
