/** The API's shapes the console reads; DOM-free, so node-side tests can import what builds on them. */
export interface Alarm {
  alarm_id: string;
  name: string;
  type: string;
  state: string;
  state_reason?: string;
  severity: string;
  enabled: boolean;
  description?: string;
  [rule: string]: unknown;
}

export interface Change {
  type: string;
  detail: string;
  timestamp: string;
}
