import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';
import { text } from '../../setting-rows/setting.js';

/** One named series of fixed datapoints; the reading is its values, oldest first. */
export interface StaticQuery {
  series: string;
}

export const STATIC = metricSourceName<StaticQuery, number[]>('static');

export type StaticSource = MetricSource<StaticQuery, number[]>;

/** The source's own setting rows (joined into the one table by metric-sources/settings.ts). */
export const staticSettings = {
  staticDatapointsFile: text({ env: 'STATIC_DATAPOINTS_FILE', optional: true, section: 'evaluator', deployTo: ['api', 'evaluator'], context: true,
    doc: 'A JSON file `{"<series>": [1, 2.5, …]}` the `static` source reads at every evaluation (demos, tests); edit it to drive alarms. Unset = no static source.' }),
};
