/**
 * The listener's event model, and how both accepted EventBridge shapes map to it
 * (described, with an example of each shape, in the README section on the listener).
 *
 * Telling the shapes apart — an event is a **Ceilometer event** when either
 *   - its `detail-type` is exactly `Ceilometer Event` (what forwarders should set), or
 *   - its `detail` has a `message_id` key and a `traits` array (a forwarder that did not set it);
 * everything else is a **native event**. An explicit `Ceilometer Event` is then validated
 * strictly as Ceilometer (a missing `message_id` is invalid, not silently "native").
 *
 * Ceilometer event: `detail` is the event dict Aodh consumes (§5.1). message_id, event_type
 *   from it; generated from it (else the envelope's `time`); traits from its `[name, dtype,
 *   value]` list; `raw` (reason_data.event) is `detail`, exactly what Aodh would put there.
 * Native event: message_id is the envelope `id`; event_type is `detail.event_type` when that
 *   is a non-empty string, else `detail-type`; generated is `time`; traits are `detail`
 *   flattened (traits.ts); `raw` is the whole envelope as received.
 * Project, both shapes: the last trait named `project_id` or `tenant_id` (§5.2), else `""`.
 *   For native events that is a top-level `detail.project_id` / `detail.tenant_id`. The AWS
 *   `account` is deliberately NOT used: mapping accounts to projects silently would let
 *   every event of an account fire alarms of a project that happens to share the number.
 *
 * Invalid (logged with its id and skipped by the caller, never thrown): what §5.1 says (no
 * message_id / id, no event type), and what our limits say (not a JSON object, not plain JSON,
 * nested deeper than 32 levels, over 256 KiB serialised, more than 1,000 traits, an event
 * type over 255 characters). A trait that
 * fails to convert (traits.ts) skips this event only, where Aodh would drop the whole batch.
 */
import type { JsonObject, JsonValue } from '../domain/alarm.js';
import { jsonProblem } from './json-limits.js';
import { ceilometerTraits, flattenDetail, traitText, type NamedTrait, type Trait } from './traits.js';

export type { Trait, TraitDtype } from './traits.js';

export const CEILOMETER_DETAIL_TYPE = 'Ceilometer Event';

/**
 * Longest event type read, in characters: Ceilometer's (and Panko's) `event_type` column is
 * 255 wide, and EventBridge's detail-type at most 128. A longer one is an invalid event.
 */
export const MAX_EVENT_TYPE_LENGTH = 255;

/** Why `eventType` is too long, or undefined; counted in code points, as Python counts. */
function eventTypeTooLong(eventType: string): string | undefined {
  // UTF-16 units are never fewer than code points, so short strings skip the count.
  if (eventType.length <= MAX_EVENT_TYPE_LENGTH) return undefined;
  const length = Array.from(eventType).length;
  return length > MAX_EVENT_TYPE_LENGTH ? `event type is ${length} characters long, more than ${MAX_EVENT_TYPE_LENGTH}` : undefined;
}

export type EventShape = 'ceilometer' | 'native';

export interface AodhEvent {
  shape: EventShape;
  message_id: string;
  event_type: string;
  generated: string;
  /** By name; the last occurrence of a name wins, as in Aodh's dict. Null-prototype object. */
  traits: Record<string, Trait>;
  /** What reason_data.event carries, and where non-trait conditions look (§13.5 fixed). */
  raw: JsonObject;
  project: string;
}

export type ParseResult = { ok: true; event: AodhEvent } | { ok: false; reason: string; id?: string };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
const own = (object: JsonObject, key: string): JsonValue | undefined => (Object.hasOwn(object, key) ? object[key] : undefined);

function isCeilometer(envelope: JsonObject): boolean {
  if (own(envelope, 'detail-type') === CEILOMETER_DETAIL_TYPE) return true;
  const detail = own(envelope, 'detail');
  return isObject(detail) && Object.hasOwn(detail, 'message_id') && Array.isArray(own(detail, 'traits'));
}

/** The id a log line names an invalid event by: the Ceilometer message_id, else the envelope id. */
function idOf(envelope: JsonObject): string | undefined {
  const detail = own(envelope, 'detail');
  const messageId = isObject(detail) ? own(detail, 'message_id') : undefined;
  if (nonEmpty(messageId) && isCeilometer(envelope)) return messageId;
  const id = own(envelope, 'id');
  return nonEmpty(id) ? id : undefined;
}

function build(shape: EventShape, fields: Pick<AodhEvent, 'message_id' | 'event_type' | 'generated' | 'raw'>, list: NamedTrait[]): AodhEvent {
  // Null prototype: a trait named `__proto__` or `constructor` is data like any other.
  const traits = Object.create(null) as Record<string, Trait>;
  let project = '';
  for (const [name, trait] of list) {
    traits[name] = trait;
    if (name === 'project_id' || name === 'tenant_id') project = traitText(trait);
  }
  return { shape, ...fields, traits, project };
}

function parseCeilometer(envelope: JsonObject): ParseResult {
  const detail = own(envelope, 'detail');
  if (!isObject(detail)) return { ok: false, reason: 'Ceilometer event detail is not a JSON object' };
  const messageId = own(detail, 'message_id');
  if (!nonEmpty(messageId)) return { ok: false, reason: 'Ceilometer event has no message_id' };
  const eventType = own(detail, 'event_type');
  if (!nonEmpty(eventType)) return { ok: false, reason: 'Ceilometer event has no event_type' };
  const tooLong = eventTypeTooLong(eventType);
  if (tooLong !== undefined) return { ok: false, reason: tooLong };
  const rawTraits = own(detail, 'traits') ?? [];
  if (!Array.isArray(rawTraits)) return { ok: false, reason: 'Ceilometer event traits is not a list' };
  const list = ceilometerTraits(rawTraits);
  if (typeof list === 'string') return { ok: false, reason: list };
  const generated = own(detail, 'generated');
  const time = own(envelope, 'time');
  return {
    ok: true,
    event: build('ceilometer', {
      message_id: messageId,
      event_type: eventType,
      generated: typeof generated === 'string' ? generated : typeof time === 'string' ? time : '',
      raw: detail,
    }, list),
  };
}

function parseNative(envelope: JsonObject): ParseResult {
  const id = own(envelope, 'id');
  if (!nonEmpty(id)) return { ok: false, reason: 'event has no id' };
  const detail = own(envelope, 'detail') ?? {};
  if (!isObject(detail)) return { ok: false, reason: 'event detail is not a JSON object' };
  const declared = own(detail, 'event_type');
  const eventType = nonEmpty(declared) ? declared : own(envelope, 'detail-type');
  if (!nonEmpty(eventType)) return { ok: false, reason: 'event has no event type (detail.event_type or detail-type)' };
  const tooLong = eventTypeTooLong(eventType);
  if (tooLong !== undefined) return { ok: false, reason: tooLong };
  const list = flattenDetail(detail);
  if (typeof list === 'string') return { ok: false, reason: list };
  const time = own(envelope, 'time');
  return {
    ok: true,
    event: build('native', { message_id: id, event_type: eventType, generated: typeof time === 'string' ? time : '', raw: envelope }, list),
  };
}

/** Normalises one received EventBridge event. Never throws: anything unexpected is "invalid". */
export function parseEvent(input: unknown): ParseResult {
  let id: string | undefined;
  try {
    if (!isObject(input)) return { ok: false, reason: 'event is not a JSON object' };
    id = idOf(input);
    const problem = jsonProblem(input);
    const result = problem === undefined ? (isCeilometer(input) ? parseCeilometer(input) : parseNative(input)) : { ok: false as const, reason: problem };
    if (result.ok) return result;
    return id === undefined ? { ok: false, reason: result.reason } : { ok: false, reason: result.reason, id };
  } catch (error) {
    const reason = `event could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return id === undefined ? { ok: false, reason } : { ok: false, reason, id };
  }
}
