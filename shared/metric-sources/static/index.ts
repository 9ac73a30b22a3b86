import type { MetricSourcePlugin } from '../plugin.js';
import { STATIC, type StaticQuery } from './query.js';
import { type StaticDatapoints, StaticMetricSource } from './source.js';

export interface StaticSettings {
  /** Fixed series; ignored when a file is given. */
  staticDatapoints?: StaticDatapoints;
  /** A JSON file of series, re-read at every read. */
  staticDatapointsFile?: string;
}

export const staticSource: MetricSourcePlugin<StaticQuery, number[], StaticSettings> = {
  ...STATIC,
  create: ({ staticDatapoints, staticDatapointsFile }) => {
    if (staticDatapointsFile !== undefined) return new StaticMetricSource({ file: staticDatapointsFile });
    return staticDatapoints === undefined ? undefined : new StaticMetricSource({ datapoints: staticDatapoints });
  },
};
