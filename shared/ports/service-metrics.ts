/**
 * Operational metrics of the running service (evaluations, transitions, notifications, API
 * requests, backlog depths). A port so that domain and function code never import a metrics
 * library: `npm start` wires a Prometheus adapter, everything else gets the no-op one.
 */
export type NotificationOutcome = 'sent' | 'failed' | 'retried';

export interface ServiceMetrics {
  /** One evaluation round: how many alarms evaluated ok / failed, and how long the round took. */
  evaluationRound(round: { evaluated: number; failed: number; seconds: number }): void;
  /** An alarm changed state; `state` is the new one (ok, alarm, insufficient data). */
  transition(state: string): void;
  /** A transition message's notification outcome; `latencySeconds` from enqueue to delivery when sent. */
  notification(outcome: NotificationOutcome, latencySeconds?: number): void;
  /** An API request answered: method, route template (ids replaced), HTTP status. */
  apiRequest(method: string, route: string, status: number): void;
  /** A backlog read at scrape time (queue depth, outbox depth): errors leave the gauge unset. */
  depthGauge(name: 'transition_queue' | 'dead_letter_queue' | 'outbox', read: () => Promise<number>): void;
}
