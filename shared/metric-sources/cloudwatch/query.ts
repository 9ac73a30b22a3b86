import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';

/** CloudWatch GetMetricData for one metric; the source batches many of these into one call (≤ 500 queries). */
export interface CloudWatchQuery {
  namespace: string;
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic: string;
  period: number;
  start: Date;
  end: Date;
}

/** The reading is the values oldest first, one per period with data. */
export const CLOUDWATCH = metricSourceName<CloudWatchQuery, number[]>('cloudwatch');

export type CloudWatchSource = MetricSource<CloudWatchQuery, number[]>;
