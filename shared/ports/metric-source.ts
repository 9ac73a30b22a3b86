import type { JsonObject } from '../domain/alarm.js';

/**
 * Metric sources (Aodh's Gnocchi / Prometheus clients; CloudWatch for AWS). One plugin per
 * source in shared/metric-sources/registry.ts. Each returns the raw statistics an alarm
 * rule asks for; classifying them against the threshold is the evaluator's job.
 *
 * Failure contract:
 * - MetricSourceUnavailableError: the source could not be reached or answered 5xx/429.
 *   The alarm keeps its state and is retried next cycle (logged with alarm_id).
 * - InsufficientDataError: the source answered, and Aodh turns that answer into
 *   `insufficient data` with this exact reason (e.g. `metric cpu for resource r does not exists`).
 */

/** Prometheus: one instant query; the statistics are the sample values of every series, in order. */
export interface PrometheusQuery {
  query: string;
  /** When set, every selector gets `<label>="<project>"` added (§3.3.2). */
  scopeToProject?: string;
}

/** Gnocchi points are `[timestamp, granularity, value]` (§3.3.3). */
/** `[timestamp, granularity, value]`; Gnocchi can answer `NaN` or `null` for a value. */
export type GnocchiPoint = [string, number, number | null];

export type GnocchiQuery =
  | { kind: 'resource'; metric: string; resourceId: string; resourceType: string; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'metrics'; metrics: string[]; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'resources'; metric: string; resourceType: string; query: JsonObject; aggregation: string; granularity: number; start: string; stop: string };

/** CloudWatch GetMetricData for one metric; sources batch many of these into one call (≤ 500 queries). */
export interface CloudWatchQuery {
  namespace: string;
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic: string;
  period: number;
  start: Date;
  end: Date;
}

export interface PrometheusSource {
  instantQuery(query: PrometheusQuery): Promise<number[]>;
}

export interface GnocchiSource {
  /** Raw points (all granularities); sanitising is the evaluator's job. */
  measures(query: GnocchiQuery): Promise<GnocchiPoint[]>;
}

export interface CloudWatchSource {
  /** Values oldest first, one per period with data. */
  metricData(query: CloudWatchQuery): Promise<number[]>;
}

/** The metric sources configured for this deployment; absent ones are not configured. */
export interface MetricSources {
  prometheus?: PrometheusSource;
  gnocchi?: GnocchiSource;
  cloudwatch?: CloudWatchSource;
}
