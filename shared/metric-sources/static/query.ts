import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';

/** One named series of fixed datapoints; the reading is its values, oldest first. */
export interface StaticQuery {
  series: string;
}

export const STATIC = metricSourceName<StaticQuery, number[]>('static');

export type StaticSource = MetricSource<StaticQuery, number[]>;
