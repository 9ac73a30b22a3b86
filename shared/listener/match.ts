/**
 * Event-alarm matching (§5.3): Aodh's `EventAlarmEvaluator._evaluate_alarm`, with two of its
 * bugs fixed on purpose:
 *  - §13.5: conditions on non-trait fields work. The dotted path is looked up in the raw event
 *    dict as Aodh intended (Ceilometer: the event dict; native: the envelope, where
 *    `event_type`, `message_id` and `generated` mean the normalised values); the found value
 *    is converted with the condition's type (`''` = string) and compared.
 *  - §13.6: a `boolean` condition works (values parsed as the API validates them; a text
 *    trait such as `True`/`yes` is parsed the same way), and nothing an alarm holds can throw:
 *    a condition that cannot be evaluated makes that alarm not match, with a reported problem.
 * Kept as Aodh: fnmatch on event_type, AND of conditions, Python comparison semantics (the
 * trait keeps its own type: `'512' == 512` is False), repeat_actions, reason and reason_data,
 * and time constraints NOT checked (§5.3.4, §13.19).
 * Missing traits and missing paths compare as None: `eq` false, `ne` true, and orderings
 * (a TypeError in Python 3) simply do not match; being absent is normal, so that is not reported.
 */
import { alarmTypes } from '../alarm-types/registry.js';
import type { Alarm, JsonObject, JsonValue } from '../domain/alarm.js';
import type { Decision } from '../evaluation/decision.js';
import { pySorted } from '../python/builtins.js';
import { boolFromString } from '../python/strutils.js';
import { pyJsonDumps } from '../python/repr.js';
import type { AodhEvent, Trait } from './event.js';
import { compileGlob, globMatch, type Glob } from '../python/fnmatch.js';
import { compare, convert, describe, NONE, OPERATORS, parseDatetime, QUERY_TYPES, type Operator, type PyValue, type QueryType } from './py-values.js';

interface Condition {
  label: string;
  /** `traits.<name>` conditions: the trait name (may itself contain dots). */
  trait?: string;
  /** Other conditions: the dotted path into the raw event. */
  path: string[];
  op: Operator;
  type: QueryType;
  value: PyValue;
}

interface CompiledRule {
  glob: Glob;
  conditions: Condition[] | string;
  queryText: string;
}

export type EventAlarmCheck =
  | { outcome: 'fire'; decision: Decision }
  | { outcome: 'skip'; why: 'not-candidate' | 'fired-no-repeat' | 'event-type' | 'query' }
  | { outcome: 'error'; problem: string };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const own = (object: JsonObject, key: string): JsonValue | undefined => (Object.hasOwn(object, key) ? object[key] : undefined);

/** §5.2: what the candidate Query selects; rechecked here so a stale or foreign alarm never fires. */
export function isEventCandidate(alarm: Alarm, project: string): boolean {
  return alarm.enabled && alarmTypes[alarm.type]?.trigger === 'event' && alarm.project_id === project;
}

/** `json.dumps(value, sort_keys=True)`: keys in code-point order, at every level. */
export function sortedJsonDumps(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(sortedJsonDumps).join(', ')}]`;
  if (isObject(value)) return `{${pySorted(Object.keys(value)).map((key) => `${pyJsonDumps(key)}: ${sortedJsonDumps(own(value, key))}`).join(', ')}}`;
  return pyJsonDumps(value);
}

function compileCondition(item: JsonValue | undefined, index: number): Condition | string {
  if (!isObject(item)) return `query item ${index} is not an object`;
  const field = own(item, 'field');
  if (typeof field !== 'string') return `query item ${index} has no field`;
  const op = own(item, 'op') ?? 'eq';
  if (!(OPERATORS as readonly JsonValue[]).includes(op)) return `query item ${index} (${field}) has an unknown op ${JSON.stringify(op)}`;
  const declared = own(item, 'type');
  const type = declared === undefined || declared === null || declared === '' ? 'string' : declared;
  if (!(QUERY_TYPES as readonly JsonValue[]).includes(type)) return `query item ${index} (${field}) has an unknown type ${JSON.stringify(type)}`;
  const raw = own(item, 'value') ?? null;
  const value = convert(type as QueryType, raw);
  if (value === undefined) return `query item ${index} (${field}): the value ${JSON.stringify(raw)} is not a valid ${String(type)}`;
  const label = `${field} ${String(op)} ${describe(value)}`;
  if (field.startsWith('traits.')) return { label, trait: field.slice('traits.'.length), path: [], op: op as Operator, type: type as QueryType, value };
  return { label, path: field.split('.'), op: op as Operator, type: type as QueryType, value };
}

/** Rules are immutable once stored, so each is compiled once per rule object (10k alarms, many events). */
const compiled = new WeakMap<object, CompiledRule | string>();

function compileRule(rule: unknown): CompiledRule | string {
  if (!isObject(rule)) return 'the rule is not an object';
  const cached = compiled.get(rule);
  if (cached !== undefined) return cached;
  const pattern = own(rule, 'event_type') ?? '*';
  const query = own(rule, 'query') ?? [];
  let result: CompiledRule | string;
  if (typeof pattern !== 'string') result = 'the rule event_type is not a string';
  else if (!Array.isArray(query)) result = 'the rule query is not a list';
  else {
    const conditions: Condition[] = [];
    let problem: string | undefined;
    for (const [index, item] of query.entries()) {
      const condition = compileCondition(item, index);
      if (typeof condition === 'string') {
        problem = condition;
        break;
      }
      conditions.push(condition);
    }
    result = { glob: compileGlob(pattern), conditions: problem ?? conditions, queryText: sortedJsonDumps(query) };
  }
  compiled.set(rule, result);
  return result;
}

function traitValue(trait: Trait): PyValue {
  if (typeof trait.value === 'number') return { kind: trait.dtype === 2 ? 'int' : 'float', value: trait.value };
  return { kind: trait.dtype === 4 ? 'datetime' : 'str', value: trait.value };
}

/** Python's `v.get(f)` walk: only dicts can be descended; anything else gives None. */
function lookup(event: AodhEvent, path: readonly string[]): JsonValue | undefined {
  const [first = '', ...rest] = path;
  const normalised = event.shape === 'native' && (first === 'event_type' || first === 'message_id' || first === 'generated');
  let current: JsonValue | undefined = normalised ? event[first] : own(event.raw, first);
  for (const segment of rest) current = isObject(current) ? own(current, segment) : undefined;
  return current;
}

/** The event side of a condition as a Python value, or why it cannot be read as one. */
function eventValue(condition: Condition, event: AodhEvent): PyValue | string {
  if (condition.trait === undefined) {
    const raw = lookup(event, condition.path);
    if (raw === undefined || raw === null) return NONE;
    return convert(condition.type, raw) ?? `the event value ${JSON.stringify(raw).slice(0, 80)} is not a valid ${condition.type}`;
  }
  const trait = event.traits[condition.trait];
  if (trait === undefined) return NONE;
  const value = traitValue(trait);
  // Traits have no boolean dtype, and native events carry times as text: parse text for these two.
  if (value.kind === 'str' && condition.type === 'boolean') {
    const parsed = boolFromString(value.value);
    return parsed === undefined ? `the trait value ${describe(value)} is not a boolean` : { kind: 'bool', value: parsed ? 1 : 0 };
  }
  if (value.kind === 'str' && condition.type === 'datetime') {
    const parsed = parseDatetime(value.value);
    return parsed === undefined ? `the trait value ${describe(value)} is not a datetime` : { kind: 'datetime', value: parsed };
  }
  return value;
}

/** Every check of §5.3 in order, saying why an alarm did not fire. Never throws. */
export function checkEventAlarm(alarm: Alarm, event: AodhEvent): EventAlarmCheck {
  try {
    if (!isEventCandidate(alarm, event.project)) return { outcome: 'skip', why: 'not-candidate' };
    // An event alarm never leaves `alarm` by itself; only repeat_actions re-fires it.
    if (alarm.state === 'alarm' && !alarm.repeat_actions) return { outcome: 'skip', why: 'fired-no-repeat' };
    const rule = compileRule(alarm.rule);
    if (typeof rule === 'string') return { outcome: 'error', problem: rule };
    if (!globMatch(rule.glob, event.event_type)) return { outcome: 'skip', why: 'event-type' };
    // A broken condition is reported only once the event type matches: fewer, more useful logs.
    if (typeof rule.conditions === 'string') return { outcome: 'error', problem: rule.conditions };
    for (const condition of rule.conditions) {
      const left = eventValue(condition, event);
      if (typeof left === 'string') return { outcome: 'error', problem: `condition ${condition.label}: ${left}` };
      const holds = compare(left, condition.op, condition.value);
      if (holds === 'type-error') {
        if (left.kind === 'none') return { outcome: 'skip', why: 'query' };
        return { outcome: 'error', problem: `condition ${condition.label}: cannot order ${describe(left)} against it` };
      }
      if (!holds) return { outcome: 'skip', why: 'query' };
    }
    const reason = `Event <id=${event.message_id},event_type=${event.event_type}> hits the query <query=${rule.queryText}>.`;
    return { outcome: 'fire', decision: { state: 'alarm', reason, reasonData: { type: 'event', event: event.raw } } };
  } catch (error) {
    return { outcome: 'error', problem: `matching failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The Decision to hand to `refreshAlarm(..., { alwaysRecord: alarm.repeat_actions })`, or
 * undefined. `onProblem` receives why a misconfigured alarm or odd event could not be
 * evaluated, for the caller's log line; the other alarms are unaffected.
 */
export function matchEventAlarm(alarm: Alarm, event: AodhEvent, onProblem?: (problem: string) => void): Decision | undefined {
  const check = checkEventAlarm(alarm, event);
  if (check.outcome === 'error') onProblem?.(check.problem);
  return check.outcome === 'fire' ? check.decision : undefined;
}
