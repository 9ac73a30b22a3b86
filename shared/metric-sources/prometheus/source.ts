import { MetricSourceUnavailableError } from '../../errors.js';
import type { MetricSource } from '../../ports/metric-source.js';
import { pythonFloat } from '../../python/builtins.js';
import { InvalidQueryError } from '../errors.js';
import { directoryUrl, fetchText, isUnavailableStatus } from '../http.js';
import { PROMETHEUS, type PrometheusQuery, type prometheusSettings } from './query.js';
import { isLabelName, scopeToProject } from './scope.js';
import type { RowValues } from '../../setting-rows/setting.js';
import type { MetricSourcePlugin } from '../plugin.js';

export interface PrometheusHttpSourceOptions {
  /** Prometheus' base URL, e.g. `http://prometheus:9090` (a path prefix such as `/prom` is kept). */
  baseUrl: string;
  /** The series label that holds the project id (Aodh's `prometheus_project_label_name`). */
  projectLabel?: string;
  /** Per query, head and body; a slower Prometheus counts as unavailable. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Json = unknown;

/**
 * The Prometheus metric source over the HTTP API (`GET /api/v1/query`, an instant query at "now").
 *
 * Failures: unreachable, timed out, 5xx or 429 → MetricSourceUnavailableError (retry next
 * cycle); a query Prometheus rejects (`bad_data` 400, `execution` 422, other 4xx) or a result
 * that has no float samples → InvalidQueryError. Aodh lets both propagate, so the alarm keeps
 * its state either way (§3.3.4); the split only tells the logs whether to blame the rule.
 */
export class PrometheusHttpSource implements MetricSource<PrometheusQuery, number[]> {
  private readonly base: string;
  private readonly projectLabel: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: PrometheusHttpSourceOptions) {
    this.base = directoryUrl(options.baseUrl);
    this.projectLabel = options.projectLabel ?? 'project';
    if (!isLabelName(this.projectLabel)) throw new TypeError(`projectLabel must be a Prometheus label name, got ${this.projectLabel}`);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchFn = options.fetch ?? fetch;
  }

  async read(request: PrometheusQuery): Promise<number[]> {
    const promql = request.scopeToProject === undefined ? request.query : scopeToProject(request.query, this.projectLabel, request.scopeToProject);
    const url = new URL(request.range ? 'api/v1/query_range' : 'api/v1/query', this.base);
    url.searchParams.set('query', promql);
    if (request.range) {
      url.searchParams.set('start', String(request.range.start));
      url.searchParams.set('end', String(request.range.end));
      url.searchParams.set('step', String(request.range.step));
    } else if (request.at !== undefined) {
      url.searchParams.set('time', String(request.at));
    }
    const { response, text } = await fetchText(this.fetchFn, url, { headers: { Accept: 'application/json' } }, this.timeoutMs, 'prometheus');
    const body = parseJson(text);
    if (isUnavailableStatus(response.status)) {
      throw new MetricSourceUnavailableError(`prometheus answered HTTP ${response.status}: ${errorText(body, text)}`);
    }
    if (!response.ok || field(body, 'status') === 'error') {
      throw new InvalidQueryError('prometheus', `prometheus rejected the query ${JSON.stringify(promql)}: ${errorText(body, text)}`, response.status);
    }
    const data = field(body, 'data');
    if (data === undefined) throw new MetricSourceUnavailableError(`prometheus answered HTTP ${response.status} without a result: ${text.slice(0, 200)}`);
    return request.range ? rangeValues(data, promql) : sampleValues(data, promql);
  }
}

/** The float values of an instant query result, in Prometheus' order (§3.3.2). */
function sampleValues(data: Json, promql: string): number[] {
  const resultType = field(data, 'resultType');
  const result = field(data, 'result');
  const invalid = (why: string) => new InvalidQueryError('prometheus', `query ${JSON.stringify(promql)} ${why}`);
  switch (resultType) {
    case 'vector': {
      if (!Array.isArray(result)) throw invalid('returned a malformed vector');
      return result.map((series) => {
        const sample = field(series, 'value');
        // Native-histogram series carry `histogram` instead of `value`: no float to compare.
        if (!Array.isArray(sample)) throw invalid('returned a series without a float sample');
        return toFloat(sample[1], invalid);
      });
    }
    case 'scalar':
    case 'string':
      if (!Array.isArray(result)) throw invalid(`returned a malformed ${resultType}`);
      return [toFloat(result[1], invalid)];
    default:
      // A range-vector result (`metric[5m]`) has many samples per series; Aodh's client fails on it too.
      throw invalid(`returned a ${String(resultType)} result; an alarm query must return an instant vector or a scalar`);
  }
}

/**
 * The values of a range query's one series, oldest first; steps without a sample are simply
 * absent (missing points). Several series would leave N ambiguous, so the rule must aggregate.
 */
function rangeValues(data: Json, promql: string): number[] {
  const result = field(data, 'result');
  const invalid = (why: string) => new InvalidQueryError('prometheus', `query ${JSON.stringify(promql)} ${why}`);
  if (field(data, 'resultType') !== 'matrix' || !Array.isArray(result)) throw invalid('returned no range result');
  if (result.length > 1) throw invalid(`returned ${result.length} series; a rule with evaluation_periods needs one (aggregate it, e.g. max(...))`);
  const values = result.length === 0 ? [] : field(result[0], 'values');
  if (!Array.isArray(values)) throw invalid('returned a series without float samples');
  return values.map((sample) => toFloat(Array.isArray(sample) ? sample[1] : undefined, invalid));
}

function toFloat(value: Json, invalid: (why: string) => Error): number {
  const parsed = typeof value === 'string' ? pythonFloat(value) : undefined;
  if (parsed === undefined) throw invalid(`returned a value that is not a float: ${JSON.stringify(value)}`);
  return parsed;
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function field(value: Json, key: string): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, Json>)[key] : undefined;
}

/** `bad_data: 1:5: parse error: ...` from Prometheus' error envelope, else the start of the raw body. */
function errorText(body: Json, text: string): string {
  const error = field(body, 'error');
  if (typeof error !== 'string') return text.trim().slice(0, 200) || 'empty body';
  const type = field(body, 'errorType');
  return typeof type === 'string' ? `${type}: ${error}` : error;
}

export type PrometheusSettings = RowValues<typeof prometheusSettings> & {
  /** Aodh's `prometheus_project_label_name`; default `project`. */
  prometheusProjectLabel?: string;
};

export const prometheusSource: MetricSourcePlugin<PrometheusQuery, number[], PrometheusSettings> = {
  ...PROMETHEUS,
  create: ({ prometheusUrl, prometheusProjectLabel, timeoutMs }) =>
    prometheusUrl === undefined ? undefined : new PrometheusHttpSource({ baseUrl: prometheusUrl, projectLabel: prometheusProjectLabel, timeoutMs }),
};
