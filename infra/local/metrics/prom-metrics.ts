import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServiceMetrics } from '#shared/ports/service-metrics.js';

export interface PromServiceMetrics extends ServiceMetrics {
  /** The text exposition format Prometheus scrapes (reads the depth gauges first). */
  render(): Promise<string>;
  contentType: string;
}

/**
 * The ServiceMetrics port on prom-client, with its own registry (no process-global state,
 * so tests can build several). Names follow Prometheus conventions: `_total` counters,
 * `_seconds` histograms, every series prefixed `aodh_`.
 */
export function promServiceMetrics(): PromServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  const evaluations = new Counter({ name: 'aodh_evaluations_total', help: 'Alarm evaluations by outcome (ok, failed).', labelNames: ['outcome'], registers });
  const rounds = new Histogram({
    name: 'aodh_evaluation_round_duration_seconds',
    help: 'Duration of one evaluation round over all shards.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const transitions = new Counter({ name: 'aodh_transitions_total', help: 'Alarm state transitions by new state.', labelNames: ['state'], registers });
  const notifications = new Counter({ name: 'aodh_notifications_total', help: 'Transition notifications by outcome (sent, failed, retried).', labelNames: ['outcome'], registers });
  const latency = new Histogram({
    name: 'aodh_notification_delivery_seconds',
    help: 'From enqueueing a transition to its notifications being delivered.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const requests = new Counter({ name: 'aodh_api_requests_total', help: 'API requests by method, route template and status.', labelNames: ['method', 'route', 'status'], registers });
  const depths = new Gauge({ name: 'aodh_backlog_depth', help: 'Messages waiting: transition queue, dead-letter queue, outbox.', labelNames: ['backlog'], registers });
  const readers = new Map<string, () => Promise<number>>();
  return {
    evaluationRound({ evaluated, failed, seconds }) {
      evaluations.inc({ outcome: 'ok' }, Math.max(0, evaluated - failed));
      evaluations.inc({ outcome: 'failed' }, failed);
      rounds.observe(seconds);
    },
    transition: (state) => transitions.inc({ state }),
    notification(outcome, latencySeconds) {
      notifications.inc({ outcome });
      if (latencySeconds !== undefined) latency.observe(latencySeconds);
    },
    apiRequest: (method, route, status) => requests.inc({ method, route, status: String(status) }),
    depthGauge: (name, read) => void readers.set(name, read),
    contentType: registry.contentType,
    async render() {
      await Promise.all(
        [...readers].map(async ([name, read]) => {
          // A backlog that cannot be read now (emulator restarting) is left out rather than reported as 0.
          const value = await read().catch(() => undefined);
          if (value === undefined) depths.remove({ backlog: name });
          else depths.set({ backlog: name }, value);
        }),
      );
      return registry.metrics();
    },
  };
}
