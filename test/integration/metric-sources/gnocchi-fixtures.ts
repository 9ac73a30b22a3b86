import type { GnocchiPoint, GnocchiQuery } from '../../../shared/metric-sources/gnocchi/query.js';

/** The §3.3.1 example window: 10:45 with granularity 60 and 5 evaluation periods, as naive UTC. */
export const WINDOW = { granularity: 60, start: '2024-05-01T10:39:00', stop: '2024-05-01T10:45:00' };

/** Points every minute from 10:37 to 10:45 at granularity 60, plus one 300 s point. */
export function minutePoints(values: number[], firstMinute = 37): GnocchiPoint[] {
  const points = values.map((value, i): GnocchiPoint => [`2024-05-01T10:${String(firstMinute + i).padStart(2, '0')}:00+00:00`, 60, value]);
  return [['2024-05-01T10:40:00+00:00', 300, 999], ...points];
}

export function resourceQuery(overrides: Partial<Extract<GnocchiQuery, { kind: 'resource' }>> = {}): GnocchiQuery {
  return { kind: 'resource', metric: 'cpu_util', resourceId: 'r1', resourceType: 'instance', aggregation: 'mean', ...WINDOW, ...overrides };
}
