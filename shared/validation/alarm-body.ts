import { ACTION_LISTS, ALARM_STATES, SEVERITIES, type Alarm, type AlarmState, type JsonObject, type JsonValue, type Severity } from '../domain/alarm.js';
import { normaliseTimestamp, parseTimestamp } from '../domain/time.js';
import { InvalidInputError } from '../errors.js';
import type { NotifierRegistry } from '../notifiers/plugin.js';
import { checkActionList } from './actions.js';
import { invalidInput, wrongType } from './errors.js';
import { isJsonObject, parseField, parseObject, type ObjectSpec } from './fields.js';
import { checkJsonLimits } from './json-limits.js';
import { parseTimeConstraints } from './time-constraints.js';

export { parseStateBody } from './state-body.js';
export { parseQuotaBody } from './quota-body.js';

/** The attributes a client sets directly; the server owns the rest of an Alarm. */
export const CLIENT_ATTRIBUTES = [
  'name', 'description', 'type', 'enabled', 'ok_actions', 'alarm_actions', 'insufficient_data_actions',
  'repeat_actions', 'time_constraints', 'state', 'severity',
] as const satisfies readonly (keyof Alarm)[];

/**
 * A decoded, checked alarm body (POST and PUT), before ownership, quotas and validateRule.
 * `description` is the client's text, or the computed default when empty or absent.
 */
export interface AlarmInput extends Pick<Alarm, (typeof CLIENT_ATTRIBUTES)[number]> {
  project_id?: string;
  user_id?: string;
  /** Absent → undefined (PUT then writes null, §13.3); otherwise null or the normalised timestamp. */
  evaluate_timestamp?: string | null;
  /** Beyond Aodh: seconds between repeat notifications; absent (or null) = every evaluation. */
  repeat_interval?: number;
  /** The read-only `acknowledged` as the client sent it back (aodhclient's update re-sends what it read). */
  acknowledged?: JsonValue;
  rule: JsonObject;
}

export function clientAttributes(input: AlarmInput): Pick<Alarm, (typeof CLIENT_ATTRIBUTES)[number]> {
  const picked: Partial<Record<(typeof CLIENT_ATTRIBUTES)[number], unknown>> = {};
  for (const attribute of CLIENT_ATTRIBUTES) picked[attribute] = input[attribute];
  return picked as Pick<Alarm, (typeof CLIENT_ATTRIBUTES)[number]>;
}

/** `acknowledged` is set only through PUT/DELETE /v2/alarms/{id}/ack. */
export function readOnlyAcknowledged(value: unknown): InvalidInputError {
  return invalidInput('acknowledged', value, 'acknowledged is read-only: use PUT or DELETE /v2/alarms/{alarm_id}/ack');
}

/**
 * What the body parser asks of each alarm type. The alarm-type registry satisfies it; it is
 * declared here so that validation stays below alarm-types (which builds on these parsers).
 */
export type RuleParsers = Readonly<Record<string, { parseRule(input: unknown): JsonObject; defaultDescription?(rule: JsonObject): string }>>;

export interface AlarmBodyOptions {
  alarmTypes: RuleParsers;
  notifiers: NotifierRegistry;
  /** `[api] alarm_max_actions`; 0 or less means no limit. */
  maxActions: number;
  callerIsAdmin: boolean;
}

/**
 * Server-set attributes that the official client sends back on update: accepted and ignored.
 * `state_detail` (beyond Aodh) too: `aodh alarm update` re-sends it while a move is pending.
 */
const READ_ONLY = ['alarm_id', 'timestamp', 'state_timestamp', 'state_reason', 'state_detail'];

export const REPEAT_INTERVAL_MAX = 7 * 86_400;

/** The scalar and list attributes, in Aodh's declaration order (the order errors are found in). */
const ALARM_FIELDS = {
  name: { type: 'string', mandatory: true },
  description: { type: 'string' },
  enabled: { type: 'bool', default: true },
  ok_actions: { type: 'string[]', default: [], nullable: true },
  alarm_actions: { type: 'string[]', default: [], nullable: true },
  insufficient_data_actions: { type: 'string[]', default: [], nullable: true },
  repeat_actions: { type: 'bool', default: false },
  // Beyond Aodh: at most a week, so an alarm still repeats while anyone remembers it.
  repeat_interval: { type: 'int', min: 1, max: REPEAT_INTERVAL_MAX, nullable: true },
  // Aodh's columns are 128 characters; longer ids could never be stored.
  project_id: { type: 'string', maxLength: 128 },
  user_id: { type: 'string', maxLength: 128 },
  state: { type: 'enum', values: ALARM_STATES, default: 'insufficient data' },
  severity: { type: 'enum', values: SEVERITIES, default: 'low' },
  evaluate_timestamp: {
    type: 'string',
    nullable: true,
    check: (v) => (parseTimestamp(v) ? undefined : `'${v}' is not a legal datetime value`),
  },
} as const satisfies ObjectSpec;

/** §1.6 checks 1 and 2: the alarm's own rule is set, and no other registered rule is. */
function pickRule(body: JsonObject, type: string, typeNames: readonly string[]): unknown {
  const own = body[`${type}_rule`];
  if (own === undefined || own === null) throw new InvalidInputError(`${type}_rule must be set for ${type} type alarm`, `${type}_rule`);
  const present = typeNames.map((name) => `${name}_rule`).filter((key) => body[key] !== undefined && body[key] !== null);
  if (present.length > 1) throw new InvalidInputError(`${present[0]} and ${present[1]} cannot be set at the same time`);
  return own;
}

/**
 * Decodes an alarm body as Aodh's WSME layer and `Alarm.validate` do, in this order: the body
 * is an object; `type` is a registered type; no unknown attribute (a `<t>_rule` of any
 * registered type is known); attribute types; rule present and alone; actions (§1.4); the
 * type's rule; time constraints (§1.3). Throws InvalidInputError, or NotAuthorizedError for
 * admin-only action schemes. Context-dependent checks (validateRule) are the caller's.
 * Before all of that, the body's nesting and numbers are checked (json-limits.ts).
 */
export function parseAlarmBody(body: unknown, options: AlarmBodyOptions): AlarmInput {
  checkJsonLimits(body);
  if (!isJsonObject(body)) throw invalidInput('data', body, wrongType("<class 'dict'>", body));
  const typeNames = Object.keys(options.alarmTypes);
  const type = parseField('type', body.type, { type: 'enum', values: typeNames, mandatory: true }) as string;
  const plugin = options.alarmTypes[type];
  if (!plugin) throw new InvalidInputError(`Unknown alarm type ${type}`, 'type'); // unreachable: type is a registry key

  const extraKnown = ['type', 'time_constraints', 'acknowledged', ...READ_ONLY, ...typeNames.map((name) => `${name}_rule`)];
  const fields = parseObject(body, ALARM_FIELDS, 'data', { extraKnown });
  const ruleInput = pickRule(body, type, typeNames);

  const actions: Record<string, string[] | null> = {};
  for (const list of ACTION_LISTS) actions[list] = checkActionList(list, fields[list] as string[] | null, options);

  const rule = plugin.parseRule(ruleInput);
  const timeConstraints = parseTimeConstraints(body.time_constraints);

  const input: AlarmInput = {
    name: fields.name as string,
    description: (fields.description as string | undefined) || (plugin.defaultDescription?.(rule) ?? `${type} alarm rule`),
    type,
    enabled: fields.enabled as boolean,
    ok_actions: actions.ok_actions ?? null,
    alarm_actions: actions.alarm_actions ?? null,
    insufficient_data_actions: actions.insufficient_data_actions ?? null,
    repeat_actions: fields.repeat_actions as boolean,
    time_constraints: timeConstraints,
    state: fields.state as AlarmState,
    severity: fields.severity as Severity,
    rule,
  };
  if (typeof fields.repeat_interval === 'number') {
    // Allowed but ignored would be confusing: an interval only means something for repeats.
    if (!input.repeat_actions) throw invalidInput('repeat_interval', fields.repeat_interval, 'repeat_interval needs repeat_actions true');
    input.repeat_interval = fields.repeat_interval;
  }
  if (body.acknowledged !== undefined) input.acknowledged = body.acknowledged;
  if (typeof fields.project_id === 'string') input.project_id = fields.project_id;
  if (typeof fields.user_id === 'string') input.user_id = fields.user_id;
  if (fields.evaluate_timestamp === null) input.evaluate_timestamp = null;
  else if (typeof fields.evaluate_timestamp === 'string') input.evaluate_timestamp = normaliseTimestamp(fields.evaluate_timestamp) ?? null;
  return input;
}
