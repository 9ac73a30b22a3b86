import { ALARM_STATES, SEVERITIES, type JsonObject } from '../../domain/alarm.js';
import type { TransitionMessage } from '../../domain/transition.js';

export type ParsedTransition = { ok: true; message: TransitionMessage } | { ok: false; reason: string; alarmId?: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a transition queue message body. Anything that is not a complete transition is a
 * poison message: it is reported (never thrown), so the handler can dead-letter it at once
 * instead of letting it come back until the queue gives up.
 */
export function parseTransition(body: string): ParsedTransition {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'message body is not JSON' };
  }
  if (!isObject(value)) return { ok: false, reason: 'message body is not a JSON object' };
  const alarmId = typeof value.alarm_id === 'string' ? value.alarm_id : undefined;
  const fail = (reason: string): ParsedTransition => ({ ok: false, reason, ...(alarmId ? { alarmId } : {}) });
  for (const field of ['transition_id', 'timestamp', 'alarm_id', 'alarm_name', 'reason'] as const) {
    if (typeof value[field] !== 'string') return fail(`field ${field} must be a string`);
  }
  if (!Array.isArray(value.actions) || !value.actions.every((action) => typeof action === 'string')) return fail('field actions must be a list of strings');
  if (!(SEVERITIES as readonly unknown[]).includes(value.severity)) return fail('field severity must be one of low, moderate, critical');
  for (const field of ['previous', 'current'] as const) {
    if (!(ALARM_STATES as readonly unknown[]).includes(value[field])) return fail(`field ${field} must be an alarm state`);
  }
  if (!isObject(value.reason_data)) return fail('field reason_data must be an object');
  return { ok: true, message: { ...(value as unknown as TransitionMessage), reason_data: value.reason_data as JsonObject } };
}
