/** Aodh's four types, plus `acknowledgement` (beyond Aodh; aodhclient prints any type as text). */
export const CHANGE_TYPES = ['creation', 'rule change', 'state transition', 'deletion', 'acknowledgement'] as const;
export type AlarmChangeType = (typeof CHANGE_TYPES)[number];

/** One history row (Aodh's AlarmChange). `detail` is a JSON *string*, as Aodh returns it. */
export interface AlarmChange {
  event_id: string;
  alarm_id: string;
  type: AlarmChangeType;
  detail: string;
  user_id: string;
  project_id: string;
  on_behalf_of: string;
  timestamp: string;
  /** Stored and filterable, never returned by the API. */
  severity: string;
}
