import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { MetricSources } from '../ports/metric-source.js';
import { CloudWatchMetricSource } from './cloudwatch/source.js';
import { type GnocchiAuthHeaders, GnocchiHttpSource } from './gnocchi/source.js';
import { PrometheusHttpSource } from './prometheus/source.js';

/**
 * Plain settings for the metric sources of a deployment; a source whose setting is absent is
 * not configured. `functions/runtime/wiring.ts` and `infra/local/` build these from their
 * environment; nothing here reads process.env.
 */
export interface MetricSourceSettings {
  prometheusUrl?: string;
  /** Aodh's `prometheus_project_label_name`; default `project`. */
  prometheusProjectLabel?: string;
  gnocchiUrl?: string;
  gnocchiAuthHeaders?: GnocchiAuthHeaders;
  cloudwatch?: { client: CloudWatchClient; maxQueriesPerCall?: number; batchWindowMs?: number };
  /** Per request, for every HTTP source; default 10 s. */
  timeoutMs?: number;
}

type MetricSourceName = keyof MetricSources;

/** Builds one source from the settings, or undefined when the settings do not configure it. */
type MetricSourceFactory<N extends MetricSourceName> = (settings: MetricSourceSettings) => MetricSources[N] | undefined;

/** One factory per source name, the keys of MetricSources; adding a source means one entry here. */
export const metricSources = {
  prometheus: ({ prometheusUrl, prometheusProjectLabel, timeoutMs }) =>
    prometheusUrl === undefined ? undefined : new PrometheusHttpSource({ baseUrl: prometheusUrl, projectLabel: prometheusProjectLabel, timeoutMs }),
  gnocchi: ({ gnocchiUrl, gnocchiAuthHeaders, timeoutMs }) =>
    gnocchiUrl === undefined ? undefined : new GnocchiHttpSource({ baseUrl: gnocchiUrl, authHeaders: gnocchiAuthHeaders, timeoutMs }),
  cloudwatch: ({ cloudwatch, timeoutMs }) => (cloudwatch === undefined ? undefined : new CloudWatchMetricSource({ ...cloudwatch, timeoutMs })),
} satisfies { [N in MetricSourceName]: MetricSourceFactory<N> };

/** Every configured source, keyed as the evaluator's context expects. */
export function buildMetricSources(settings: MetricSourceSettings): MetricSources {
  const sources: MetricSources = {};
  const prometheus = metricSources.prometheus(settings);
  const gnocchi = metricSources.gnocchi(settings);
  const cloudwatch = metricSources.cloudwatch(settings);
  if (prometheus) sources.prometheus = prometheus;
  if (gnocchi) sources.gnocchi = gnocchi;
  if (cloudwatch) sources.cloudwatch = cloudwatch;
  return sources;
}
