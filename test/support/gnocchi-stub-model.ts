import type { JsonValue } from '../../shared/domain/alarm.js';
import type { GnocchiPoint } from '../../shared/metric-sources/gnocchi/query.js';

/** A stored metric: its archive policy's methods and, per method, already aggregated points. */
export interface StubMetric {
  id: string;
  aggregationMethods: string[];
  /** Points per aggregation method; a method without its own series serves `default`. */
  series: Record<string, GnocchiPoint[]>;
  /** Granularities (seconds) the archive policy has; defaults to those present in the points. */
  granularities?: number[];
}

export interface StubResource {
  type: string;
  id: string;
  attributes: Record<string, JsonValue>;
  /** Metric name → metric id. */
  metrics: Record<string, string>;
}

export const DEFAULT_METHODS = ['mean', 'min', 'max', 'sum', 'count', 'last', 'first', 'median', 'std'];

export function pointsOf(metric: StubMetric, method: string): GnocchiPoint[] {
  return metric.series[method] ?? metric.series.default ?? [];
}

export function hasGranularity(metric: StubMetric, granularity: number): boolean {
  const known = metric.granularities ?? Object.values(metric.series).flatMap((points) => points.map((p) => p[1]));
  return known.length === 0 || known.includes(granularity);
}

/** Gnocchi reads naive timestamps as UTC (JS would read them as local time). */
export function parseTimestamp(text: string): number {
  return Date.parse(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);
}

/** Points in [start, stop) at `granularity`, as Gnocchi slices a series. Absent bounds are open. */
export function window(points: GnocchiPoint[], query: { granularity?: number; start?: string; stop?: string }): GnocchiPoint[] {
  const start = query.start === undefined ? -Infinity : parseTimestamp(query.start);
  const stop = query.stop === undefined ? Infinity : parseTimestamp(query.stop);
  return points.filter(([ts, granularity]) => {
    const t = parseTimestamp(ts);
    return (query.granularity === undefined || granularity === query.granularity) && t >= start && t < stop;
  });
}

const REDUCERS: Record<string, (values: number[]) => number> = {
  mean: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  sum: (v) => v.reduce((a, b) => a + b, 0),
  min: (v) => Math.min(...v),
  max: (v) => Math.max(...v),
  count: (v) => v.length,
  first: (v) => v[0] ?? NaN,
  last: (v) => v[v.length - 1] ?? NaN,
  median: (v) => {
    const s = [...v].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
  },
  std: (v) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(v.length - 1, 1));
  },
};

export function isKnownAggregation(method: string): boolean {
  return method.replace(/^rate:/, '') in REDUCERS;
}

/**
 * Gnocchi's `(aggregate <method> ...)` across series with needed_overlap=0: every timestamp any
 * series has, reduced over the series that have it. `rate:<m>` is the difference between
 * consecutive reduced points, as Gnocchi computes it.
 */
export function aggregateAcross(method: string, series: GnocchiPoint[][]): GnocchiPoint[] {
  const reducer = REDUCERS[method.replace(/^rate:/, '')] ?? REDUCERS.mean;
  const buckets = new Map<string, { ts: string; granularity: number; values: number[] }>();
  for (const point of series.flat()) {
    const key = `${parseTimestamp(point[0])}/${point[1]}`;
    const bucket = buckets.get(key) ?? { ts: point[0], granularity: point[1], values: [] };
    if (point[2] !== null) bucket.values.push(point[2]);
    buckets.set(key, bucket);
  }
  const reduced = [...buckets.values()]
    .sort((a, b) => a.granularity - b.granularity || parseTimestamp(a.ts) - parseTimestamp(b.ts))
    .map((b): GnocchiPoint => [b.ts, b.granularity, reducer?.(b.values) ?? NaN]);
  if (!method.startsWith('rate:')) return reduced;
  return reduced.slice(1).flatMap((point, i): GnocchiPoint[] => {
    const previous = reduced[i];
    return previous && previous[1] === point[1] ? [[point[0], point[1], (point[2] ?? NaN) - (previous[2] ?? NaN)]] : [];
  });
}

/** A subset of Gnocchi's resource search language: =, ==, eq, !=, ne, <, <=, >, >=, in, and, or, not. */
export function matches(resource: StubResource, filter: JsonValue): boolean {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new Error(`Invalid search filter: ${JSON.stringify(filter)}`);
  const [operator, operand] = Object.entries(filter)[0] ?? [];
  const value = (attribute: string): JsonValue | undefined => (attribute === 'id' ? resource.id : attribute === 'type' ? resource.type : resource.attributes[attribute]);
  const comparison = (test: (actual: JsonValue | undefined, expected: JsonValue) => boolean) => {
    const [attribute, expected] = Object.entries(operand as Record<string, JsonValue>)[0] ?? [];
    return attribute !== undefined && expected !== undefined && test(value(attribute), expected);
  };
  switch (operator) {
    case 'and':
      return (operand as JsonValue[]).every((f) => matches(resource, f));
    case 'or':
      return (operand as JsonValue[]).some((f) => matches(resource, f));
    case 'not':
      return !matches(resource, operand as JsonValue);
    case '=':
    case '==':
    case 'eq':
      return comparison((a, e) => a === e);
    case '!=':
    case 'ne':
      return comparison((a, e) => a !== e);
    case 'in':
      return comparison((a, e) => Array.isArray(e) && e.includes(a ?? null));
    case '<':
    case 'lt':
      return comparison((a, e) => a !== undefined && a !== null && e !== null && a < e);
    case '>':
    case 'gt':
      return comparison((a, e) => a !== undefined && a !== null && e !== null && a > e);
    case '<=':
    case 'le':
      return comparison((a, e) => a !== undefined && a !== null && e !== null && a <= e);
    case '>=':
    case 'ge':
      return comparison((a, e) => a !== undefined && a !== null && e !== null && a >= e);
    default:
      throw new Error(`Invalid search operator: ${String(operator)}`);
  }
}
