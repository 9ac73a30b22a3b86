import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { MetricSourcePlugin } from '../plugin.js';
import { CLOUDWATCH, type CloudWatchQuery } from './query.js';
import { CloudWatchMetricSource } from './source.js';

export interface CloudWatchSettings {
  /** The client is built by the composition root, so that tests and `npm start` can point it elsewhere. */
  cloudwatch?: { client: CloudWatchClient; maxQueriesPerCall?: number; batchWindowMs?: number; projectDimension?: string };
}

export const cloudwatchSource: MetricSourcePlugin<CloudWatchQuery, number[], CloudWatchSettings> = {
  ...CLOUDWATCH,
  create: ({ cloudwatch, timeoutMs }) => (cloudwatch === undefined ? undefined : new CloudWatchMetricSource({ ...cloudwatch, timeoutMs })),
};
