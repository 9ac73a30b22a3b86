import type { AlarmState, JsonObject, Severity } from './alarm.js';

/** The evaluator → notifier payload, exactly Aodh's `alarm.update` notification (§4.1). */
export interface AlarmNotification {
  actions: string[];
  alarm_id: string;
  alarm_name: string;
  severity: Severity;
  previous: AlarmState;
  current: AlarmState;
  reason: string;
  reason_data: JsonObject;
}

/**
 * What travels on the transition queue: the §4.1 payload plus an id that is unique per
 * transition (the history row's event_id for recorded transitions). Re-sends of the same
 * transition carry the same id, so queue and notifier can drop duplicates.
 */
export interface TransitionMessage extends AlarmNotification {
  transition_id: string;
  /** When the transition was decided (naive-UTC ISO, as Aodh prints timestamps). */
  timestamp: string;
}
