import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';
import { HTTP_URL } from '../../setting-rows/checks.js';
import { text } from '../../setting-rows/setting.js';

/** Prometheus: one instant query; the reading is the sample values of every series, in order. */
export interface PrometheusQuery {
  query: string;
  /** When set, every selector gets `<label>="<project>"` added (§3.3.2). */
  scopeToProject?: string;
  /**
   * Beyond Aodh: a range query (`/api/v1/query_range`) evaluated at every `step` seconds from
   * `start` to `end` (epoch seconds). It must yield one series; the reading is its values, oldest first.
   */
  range?: { start: number; end: number; step: number };
  /**
   * Beyond Aodh: the instant query's evaluation time (epoch seconds, the API's `time`). Set only
   * by a back-test, which replays past cycles; absent, Prometheus evaluates at its own now (live).
   */
  at?: number;
}

export const PROMETHEUS = metricSourceName<PrometheusQuery, number[]>('prometheus');

export type PrometheusSource = MetricSource<PrometheusQuery, number[]>;

/** The source's own setting rows (joined into the one table by metric-sources/settings.ts). */
export const prometheusSettings = {
  prometheusUrl: text({ env: 'PROMETHEUS_URL', optional: true, section: 'evaluator', deployTo: ['api', 'evaluator'], context: { check: HTTP_URL },
    doc: 'Prometheus endpoint (instant queries); an alarm whose source is not configured is skipped (logged). CloudWatch needs no setting.' }),
};
