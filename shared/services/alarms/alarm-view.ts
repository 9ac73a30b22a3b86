import { isDeepStrictEqual } from 'node:util';
import type { Alarm, JsonValue } from '../../domain/alarm.js';

/** Rule keys stored for internal use and never returned (Aodh hides prometheus' scope_to_project). */
const HIDDEN_RULE_KEYS = new Set(['scope_to_project']);

export type AlarmView = Omit<Alarm, 'rule' | 'version' | 'last_repeat_at'> & Record<string, unknown>;

/** Drops hidden keys at every depth: composite leaves carry them too. */
function visibleRule(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(visibleRule);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !HIDDEN_RULE_KEYS.has(key)).map(([key, inner]) => [key, visibleRule(inner)]));
}

/** The API representation: the rule under `<type>_rule`, internals (version, last_repeat_at) dropped. */
export function toAlarmView(alarm: Alarm): AlarmView {
  const { rule, version: _version, last_repeat_at: _lastRepeat, ...fields } = alarm;
  return { ...fields, [`${alarm.type}_rule`]: visibleRule(rule) };
}

/** The attributes a history `creation` detail carries (§6.10), rule under `rule`. */
export const HISTORY_DETAIL_FIELDS = [
  'alarm_id', 'type', 'enabled', 'name', 'description', 'timestamp', 'user_id', 'project_id', 'state',
  'state_timestamp', 'state_reason', 'ok_actions', 'alarm_actions', 'insufficient_data_actions',
  'repeat_actions', 'rule', 'time_constraints', 'severity',
] as const satisfies readonly (keyof Alarm)[];

export function creationDetail(alarm: Alarm): Record<string, unknown> {
  return Object.fromEntries(HISTORY_DETAIL_FIELDS.map((field) => [field, alarm[field]]));
}

/** Attributes whose value changed between two versions (timestamps excluded), for `rule change` rows. */
export function changedDetail(before: Alarm, after: Alarm): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const field of HISTORY_DETAIL_FIELDS) {
    if (field === 'timestamp' || field === 'state_timestamp') continue;
    if (!isDeepStrictEqual(before[field], after[field])) changed[field] = after[field];
  }
  // Beyond Aodh, so only in rows where it changed: a creation detail stays exactly Aodh's.
  if (before.repeat_interval !== after.repeat_interval) changed.repeat_interval = after.repeat_interval ?? null;
  return changed;
}
