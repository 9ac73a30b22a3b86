import type { MetricSourcePlugin } from '../plugin.js';
import { PROMETHEUS, type PrometheusQuery } from './query.js';
import { PrometheusHttpSource } from './source.js';

export interface PrometheusSettings {
  prometheusUrl?: string;
  /** Aodh's `prometheus_project_label_name`; default `project`. */
  prometheusProjectLabel?: string;
}

export const prometheusSource: MetricSourcePlugin<PrometheusQuery, number[], PrometheusSettings> = {
  ...PROMETHEUS,
  create: ({ prometheusUrl, prometheusProjectLabel, timeoutMs }) =>
    prometheusUrl === undefined ? undefined : new PrometheusHttpSource({ baseUrl: prometheusUrl, projectLabel: prometheusProjectLabel, timeoutMs }),
};
