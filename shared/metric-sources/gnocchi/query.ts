import type { JsonObject } from '../../domain/alarm.js';
import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';

/** Gnocchi points are `[timestamp, granularity, value]` (§3.3.3); Gnocchi can answer `NaN` or `null` for a value. */
export type GnocchiPoint = [string, number, number | null];

export type GnocchiQuery =
  | { kind: 'resource'; metric: string; resourceId: string; resourceType: string; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'metrics'; metrics: string[]; aggregation: string; granularity: number; start: string; stop: string }
  | { kind: 'resources'; metric: string; resourceType: string; query: JsonObject; aggregation: string; granularity: number; start: string; stop: string };

/** The reading is the raw points (all granularities); sanitising them is the alarm type's job. */
export const GNOCCHI = metricSourceName<GnocchiQuery, GnocchiPoint[]>('gnocchi');

export type GnocchiSource = MetricSource<GnocchiQuery, GnocchiPoint[]>;
