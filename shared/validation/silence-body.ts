import type { Silence } from '../domain/silence.js';
import { formatTimestamp } from '../domain/time.js';
import type { NotifierRegistry } from '../notifiers/plugin.js';
import { checkActionList } from './actions.js';
import { invalidInput, wrongType } from './errors.js';
import { isJsonObject, parseObject, type ObjectSpec } from './fields.js';
import { checkJsonLimits } from './json-limits.js';
import { parseMatchers } from './silence-matchers.js';
import { checkWindow, SILENCE_MAX_TTL_SECONDS, WINDOW_FIELDS } from './silence-window.js';

export { MAX_SILENCE_MATCHERS, SILENCE_MATCHER_VALUE_MAX } from './silence-matchers.js';
export { RECURRING_DURATION_MAX, RECURRING_DURATION_MIN, SILENCE_MAX_LEAD_SECONDS, SILENCE_MAX_TTL_SECONDS } from './silence-window.js';

/**
 * The why of a silence: room for a sentence and a ticket link or two. Longer than an alarm's
 * 255-character description on purpose: it is the one place that explains a suppression.
 */
export const SILENCE_COMMENT_MAX = 1024;

/** `created_by`: a person's or tool's name, as an Alertmanager `createdBy`; Aodh's name columns are 255. */
export const SILENCE_CREATED_BY_MAX = 255;

/** Warnings before a silence ends go to the owner and perhaps a channel; ten is plenty, and each costs a delivery. */
export const SILENCE_MAX_EXPIRY_ACTIONS = 10;

/** What a client sets; the server owns silence_id, project_id, user_id, timestamp and updated_at. */
export type SilenceInput = Pick<
  Silence,
  'matchers' | 'comment' | 'created_by' | 'starts_at' | 'ends_at' | 'recurring' | 'notify_on_end' | 'expiry_actions'
>;

export interface SilenceBodyContext {
  notifiers: NotifierRegistry;
  /** The registered alarm type names (a `type` matcher must name one). */
  alarmTypes: readonly string[];
  /** Admins may use the `project_id` matcher and admin-only action schemes (`log`, `test`). */
  isAdmin: boolean;
  now: Date;
  /** Defaults to SILENCE_MAX_TTL_SECONDS (becomes a setting). */
  maxTtlSeconds?: number;
}

/** The client attributes, in the order their errors are found (matchers and recurring are parsed on their own). */
const SILENCE_FIELDS = {
  comment: { type: 'string', mandatory: true, minLength: 1, maxLength: SILENCE_COMMENT_MAX },
  created_by: { type: 'string', minLength: 1, maxLength: SILENCE_CREATED_BY_MAX },
  ...WINDOW_FIELDS,
  notify_on_end: { type: 'bool', default: true },
  expiry_actions: { type: 'string[]', default: [] },
} as const satisfies ObjectSpec;

/**
 * Server-set attributes a client sends back on update (it PUTs what it read): accepted and
 * ignored there. A create refuses them as unknown, so that nobody believes a `project_id`
 * in a POST chose the project (an admin uses a project_id matcher for that).
 */
const READ_ONLY = ['silence_id', 'project_id', 'user_id', 'timestamp', 'updated_at', 'state'];

interface Defaults {
  starts_at: string;
  created_by: string;
}

/**
 * Decodes a silence body, as the alarm body parser does: JSON limits; an object; no unknown
 * attribute; the attributes in SILENCE_FIELDS order; matchers; the window (silence-window.ts);
 * expiry actions checked as alarm actions are (scheme registered, admin-only schemes,
 * the notifier's own checks). Throws InvalidInputError naming the field, or
 * NotAuthorizedError (Aodh's 401) for an admin-only action scheme.
 */
function parseSilenceBody(body: unknown, context: SilenceBodyContext, defaults: Defaults, readOnly: readonly string[]): SilenceInput {
  checkJsonLimits(body);
  if (!isJsonObject(body)) throw invalidInput('data', body, wrongType("<class 'dict'>", body));
  const fields = parseObject(body, SILENCE_FIELDS, 'data', { extraKnown: ['matchers', 'recurring', ...readOnly] });
  const matchers = parseMatchers(body.matchers, { alarmTypes: context.alarmTypes, isAdmin: context.isAdmin });
  const window = checkWindow(
    { starts_at: fields.starts_at as string | undefined, ends_at: fields.ends_at as string | null | undefined, recurring: body.recurring },
    { now: context.now, defaultStartsAt: defaults.starts_at, maxTtlSeconds: context.maxTtlSeconds ?? SILENCE_MAX_TTL_SECONDS },
  );
  const expiryActions = checkActionList('expiry_actions', fields.expiry_actions as string[], {
    notifiers: context.notifiers,
    maxActions: SILENCE_MAX_EXPIRY_ACTIONS,
    callerIsAdmin: context.isAdmin,
  });
  return {
    matchers,
    comment: fields.comment as string,
    created_by: (fields.created_by as string | undefined) ?? defaults.created_by,
    ...window,
    notify_on_end: fields.notify_on_end as boolean,
    expiry_actions: expiryActions ?? [],
  };
}

/** `POST /v2/silences`: starts_at defaults to now, created_by to the caller's user id. */
export function parseSilenceCreate(body: unknown, context: SilenceBodyContext & { userId: string }): SilenceInput {
  return parseSilenceBody(body, context, { starts_at: formatTimestamp(context.now), created_by: context.userId }, []);
}

/**
 * `PUT /v2/silences/{id}`: a whole new body, as an alarm PUT, checked as at create (ends_at
 * still in the future). What the body leaves out falls back to the defaults, except that
 * starts_at and created_by keep the stored silence's values, so a PUT that only extends
 * ends_at does not move the start.
 */
export function parseSilenceUpdate(body: unknown, context: SilenceBodyContext, existing: Pick<Silence, 'starts_at' | 'created_by'>): SilenceInput {
  return parseSilenceBody(body, context, { starts_at: existing.starts_at, created_by: existing.created_by }, READ_ONLY);
}
