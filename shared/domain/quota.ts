export interface Quota {
  resource: 'alarms';
  /** -1 means unlimited. */
  limit: number;
}
