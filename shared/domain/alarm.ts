/** The three alarm states, spelled as Aodh spells them (note the space). */
export const ALARM_STATES = ['ok', 'alarm', 'insufficient data'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const SEVERITIES = ['low', 'moderate', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TimeConstraint {
  name: string;
  description: string;
  /** 5-field cron expression. */
  start: string;
  /** Seconds, >= 0. */
  duration: number;
  /** IANA zone; "" means UTC. */
  timezone: string;
}

/** A transition waiting for its pending_period (to alarm) or recovery_period (to ok). */
export interface StateDetail {
  pending: AlarmState;
  /** Naive-UTC ISO timestamp of the first evaluation that saw the condition. */
  since: string;
}

/** Beyond Aodh: who acknowledged the alarm's current state, when, and why (PUT /v2/alarms/{id}/ack). */
export interface Acknowledgement {
  by: string;
  /** Naive-UTC ISO timestamp, as every other alarm timestamp. */
  at: string;
  comment?: string;
}

export const ACTION_LISTS = ['ok_actions', 'alarm_actions', 'insufficient_data_actions'] as const;
export type ActionListName = (typeof ACTION_LISTS)[number];

/**
 * An alarm as stored. Field names are Aodh's (§1.1); the rule sits under `rule`
 * and is exposed as `<type>_rule` by the API.
 */
export interface Alarm {
  alarm_id: string;
  name: string;
  description: string;
  type: string;
  enabled: boolean;
  ok_actions: string[] | null;
  alarm_actions: string[] | null;
  insufficient_data_actions: string[] | null;
  repeat_actions: boolean;
  time_constraints: TimeConstraint[] | null;
  state: AlarmState;
  state_reason: string;
  severity: Severity;
  project_id: string;
  user_id: string;
  /** Naive-UTC ISO timestamps (no zone suffix), as Aodh prints them. */
  timestamp: string;
  state_timestamp: string;
  evaluate_timestamp: string | null;
  rule: JsonObject;
  /**
   * Beyond Aodh, read-only: set while a pending_period/recovery_period runs (the state the
   * alarm is heading to, and since when the condition holds). Absent otherwise, so an alarm
   * without those fields looks exactly as in Aodh.
   */
  state_detail?: StateDetail;
  /**
   * Beyond Aodh, read-only: set by an acknowledgement, cleared by the next state change. While
   * set, repeat notifications stop. Absent otherwise (exactly Aodh's fields).
   */
  acknowledged?: Acknowledgement;
  /** Beyond Aodh: with repeat_actions, at most one repeat notification per this many seconds. Absent = every evaluation (Aodh). */
  repeat_interval?: number;
  /** Internal (never shown): when the last repeat notification went out; written only when one does. */
  last_repeat_at?: string;
  /** Optimistic-concurrency counter: bumped by every write; conditional writes compare it. */
  version: number;
}

export function actionsFor(alarm: Pick<Alarm, ActionListName>, state: AlarmState): string[] {
  const list = state === 'ok' ? alarm.ok_actions : state === 'alarm' ? alarm.alarm_actions : alarm.insufficient_data_actions;
  return list ?? [];
}
