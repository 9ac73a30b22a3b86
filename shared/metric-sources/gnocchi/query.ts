import type { JsonObject } from '../../domain/alarm.js';
import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';
import { HTTP_URL } from '../../setting-rows/checks.js';
import { text } from '../../setting-rows/setting.js';

/** Gnocchi points are `[timestamp, granularity, value]` (§3.3.3); Gnocchi can answer `NaN` or `null` for a value. */
export type GnocchiPoint = [string, number, number | null];

export type GnocchiQuery =
  | { kind: 'resource'; metric: string; resourceId: string; resourceType: string; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'metrics'; metrics: string[]; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'resources'; metric: string; resourceType: string; query: JsonObject; aggregation: string; granularity: number; start: string; stop: string };

/** The reading is the raw points (all granularities); sanitising them is the alarm type's job. */
export const GNOCCHI = metricSourceName<GnocchiQuery, GnocchiPoint[]>('gnocchi');

export type GnocchiSource = MetricSource<GnocchiQuery, GnocchiPoint[]>;

/** The source's own setting rows (joined into the one table by metric-sources/settings.ts). */
export const gnocchiSettings = {
  gnocchiUrl: text({ env: 'GNOCCHI_URL', optional: true, section: 'api', deployTo: ['api', 'evaluator'], context: { check: HTTP_URL },
    doc: "Gnocchi endpoint: the evaluator reads gnocchi rules' measures from it; when set, the API validates gnocchi rules against it (aggregation methods, resource queries)." }),
};
