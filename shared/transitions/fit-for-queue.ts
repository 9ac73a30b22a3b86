import { Buffer } from 'node:buffer';
import type { JsonObject, JsonValue } from '../domain/alarm.js';
import type { TransitionMessage } from '../domain/transition.js';
import { TRANSITION_MESSAGE_MAX_BYTES, transitionMessageBytes } from './message-size.js';

/** A top-level field of an oversized event is kept in its summary when its JSON is at most this. */
export const EVENT_SUMMARY_FIELD_MAX_BYTES = 1024;

const isObject = (value: JsonValue | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const jsonBytes = (value: JsonValue): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The notification as it may travel: unchanged when its queue body fits the limit (nearly
 * always), else with `reason_data` cut down, and an explicit marker saying so:
 *
 * 1. an event alarm's `reason_data.event` becomes a summary: the event's top-level fields of
 *    at most {@link EVENT_SUMMARY_FIELD_MAX_BYTES} each (ids, type, times; not the traits or
 *    `detail`), and `reason_data.truncated` = `{field: "event", dropped_fields, original_bytes,
 *    limit_bytes}`;
 * 2. if that is still too large (or there is no event), `reason_data` keeps only its `type`
 *    and `truncated` = `{field: "reason_data", original_bytes, limit_bytes}`.
 *
 * Everything else (ids, name, actions, states, `reason`) is left alone: the reason is also
 * the alarm's state_reason and its history row, which must say the same. A message that
 * still does not fit is returned as it is; the queue then dead-letters it.
 * Deterministic, so the outbox's re-sends of one transition stay identical.
 */
export function fitForQueue(message: TransitionMessage, limit = TRANSITION_MESSAGE_MAX_BYTES): TransitionMessage {
  const originalBytes = transitionMessageBytes(message);
  if (originalBytes <= limit) return message;
  const data = message.reason_data;
  const event = data['event'];
  if (isObject(event)) {
    const summary: JsonObject = {};
    const dropped: string[] = [];
    for (const [key, value] of Object.entries(event)) {
      if (jsonBytes(value) <= EVENT_SUMMARY_FIELD_MAX_BYTES) summary[key] = value;
      else dropped.push(key);
    }
    const truncated = { field: 'event', dropped_fields: dropped, original_bytes: originalBytes, limit_bytes: limit };
    const candidate = { ...message, reason_data: { ...data, event: summary, truncated } };
    if (transitionMessageBytes(candidate) <= limit) return candidate;
  }
  const type = data['type'];
  const truncated = { field: 'reason_data', original_bytes: originalBytes, limit_bytes: limit };
  const candidate = { ...message, reason_data: { ...(typeof type === 'string' ? { type } : {}), truncated } };
  return transitionMessageBytes(candidate) <= limit ? candidate : message;
}

const REASON_CUT_MARKER = ' […truncated]';

/**
 * A dead letter's body for a transition the queue cannot take even fitted: the dead-letter
 * queue has the same size limit. The reason is cut (marked) to fit; as a last resort the body
 * keeps only the transition's identity and states. `limit` leaves room for the letter's
 * attributes, which SQS counts against the same limit.
 */
export function fitForDeadLetter(message: TransitionMessage, limit: number): TransitionMessage {
  const fitted = fitForQueue(message, limit);
  const bytes = transitionMessageBytes(fitted);
  if (bytes <= limit) return fitted;
  const reasonBytes = Buffer.byteLength(fitted.reason, 'utf8');
  // JSON escapes can make the reason's encoded form longer than its UTF-8: halve until it fits.
  for (let keep = reasonBytes - (bytes - limit) - REASON_CUT_MARKER.length; keep > 0; keep = Math.floor(keep / 2)) {
    const candidate = { ...fitted, reason: `${cutUtf8(fitted.reason, keep)}${REASON_CUT_MARKER}` };
    if (transitionMessageBytes(candidate) <= limit) return candidate;
  }
  const { transition_id, alarm_id, timestamp, severity, previous, current } = message;
  return { transition_id, alarm_id, timestamp, severity, previous, current, alarm_name: '', actions: [], reason: REASON_CUT_MARKER.trim(), reason_data: { truncated: { field: 'message', original_bytes: bytes, limit_bytes: limit } } };
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never splitting a character. */
function cutUtf8(text: string, bytes: number): string {
  const cut = Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8');
  return cut.endsWith('\uFFFD') && !text.startsWith(cut) ? cut.slice(0, -1) : cut;
}
