import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonValue } from '../../shared/domain/alarm.js';
import type { GnocchiPoint } from '../../shared/metric-sources/gnocchi/query.js';
import { pyListRepr } from '../../shared/python/repr.js';
import { readBody, sendJson, startHttpServer } from './http-server.js';
import { aggregateAcross, DEFAULT_METHODS, hasGranularity, isKnownAggregation, matches, pointsOf, type StubMetric, type StubResource, window } from './gnocchi-stub-model.js';

export interface MetricSeed {
  id?: string;
  aggregationMethods?: string[];
  /** Points served for every method, or per method (`default` for the rest). */
  measures: GnocchiPoint[] | Record<string, GnocchiPoint[]>;
  granularities?: number[];
}

/** A canned answer for the next request, to exercise failure paths. */
export type GnocchiFault =
  | { status: number; description?: JsonValue; body?: string; contentType?: string; headers?: Record<string, string> }
  | { hang: true }
  | { reset: true };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface GnocchiStub {
  url: string;
  requests: RecordedRequest[];
  /** A standalone metric (for `gnocchi_aggregation_by_metrics_threshold`); returns its id. */
  addMetric(seed: MetricSeed): string;
  /** A resource with named metrics; `type` defaults to `generic`. Returns the metric ids by name. */
  addResource(resource: { id: string; type?: string; attributes?: Record<string, JsonValue>; metrics?: Record<string, MetricSeed> }): Record<string, string>;
  failNext(fault: GnocchiFault): void;
  reset(): void;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly description: JsonValue,
  ) {
    super(typeof description === 'string' ? description : JSON.stringify(description));
  }
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 415: 'Unsupported Media Type' };
const MEASURES_PATH = /^\/v1\/resource\/([^/]+)\/([^/]+)\/metric\/([^/]+)\/measures$/;

/**
 * A local HTTP server that answers the two Gnocchi 4.x endpoints Aodh's evaluator uses, with
 * Gnocchi's error bodies (`{"code", "description", "title"}`) and 404 texts, so that the
 * gnocchiclient-compatible error mapping is exercised for real. The real Gnocchi needs
 * PostgreSQL and about 10 minutes of setup (docs toolchain §7), too much for a test run.
 * Options: `authToken` makes every request without that X-Auth-Token a 401.
 */
export async function startGnocchiStub(options: { authToken?: string } = {}): Promise<GnocchiStub> {
  const metrics = new Map<string, StubMetric>();
  const resources = new Map<string, StubResource>();
  const requests: RecordedRequest[] = [];
  const faults: GnocchiFault[] = [];
  const hanging = new Set<ServerResponse>();

  const addMetric = (seed: MetricSeed): string => {
    const id = seed.id ?? randomUUID();
    const series = Array.isArray(seed.measures) ? { default: seed.measures } : seed.measures;
    metrics.set(id, { id, aggregationMethods: seed.aggregationMethods ?? DEFAULT_METHODS, series, ...(seed.granularities && { granularities: seed.granularities }) });
    return id;
  };

  const measures = (type: string, resourceId: string, name: string, query: Record<string, string>): GnocchiPoint[] => {
    const known = new Set(['generic', ...[...resources.values()].map((r) => r.type)]);
    if (!known.has(type)) throw new HttpError(404, `Resource type ${type} does not exist`);
    const resource = resources.get(resourceId);
    if (!resource || (type !== 'generic' && resource.type !== type)) throw new HttpError(404, `Resource ${resourceId} does not exist`);
    const metric = metrics.get(resource.metrics[name] ?? '');
    if (!metric) throw new HttpError(404, `Metric ${name} does not exist`);
    const method = query.aggregation ?? 'mean';
    if (!metric.aggregationMethods.includes(method)) {
      throw new HttpError(404, { cause: 'Aggregation method does not exist for this metric', detail: { metric: metric.id, aggregation_method: method } });
    }
    const granularity = query.granularity === undefined ? undefined : Number(query.granularity);
    if (granularity !== undefined && !hasGranularity(metric, granularity)) {
      throw new HttpError(404, `Aggregation method '${method}' at granularity '${granularity.toFixed(1)}' for metric ${metric.id} does not exist`);
    }
    return window(pointsOf(metric, method), { ...query, granularity });
  };

  const aggregates = (query: Record<string, string>, body: unknown): { measures: { aggregated: GnocchiPoint[] } } => {
    const request = body as { operations?: JsonValue; search?: JsonValue; resource_type?: string };
    const [op, method, ...nodes] = Array.isArray(request.operations) ? request.operations : [];
    if (op !== 'aggregate' || typeof method !== 'string' || !isKnownAggregation(method) || nodes.length === 0) {
      throw new HttpError(400, { cause: 'Invalid operations', detail: request.operations ?? null });
    }
    // Gnocchi 4.4 takes one ["metric", ref, agg] or ["metric", [ref, agg], ...] node; sibling
    // metric nodes (what Aodh 15 sends for several metrics) are refused with this 400.
    if (nodes.length > 1) {
      throw new HttpError(400, { cause: 'Invalid input', reason: "'aggregate' operation invalid for dictionary value @ data['operations']", detail: ['operations'] });
    }
    const references = nodes.flatMap((node) => {
      if (!Array.isArray(node) || node[0] !== 'metric') throw new HttpError(400, { cause: 'Invalid operations', detail: node });
      return (Array.isArray(node[1]) ? node.slice(1) : [node.slice(1)]).map((ref) => (Array.isArray(ref) ? ref.map(String) : []) as [string, string]);
    });
    const granularity = query.granularity === undefined ? undefined : Number(query.granularity);
    let selected: Array<[StubMetric, string]>;
    if (request.resource_type !== undefined) {
      const type = request.resource_type;
      if (type !== 'generic' && ![...resources.values()].some((r) => r.type === type)) throw new HttpError(400, `Resource type ${type} does not exist`);
      const found = [...resources.values()].filter((r) => (type === 'generic' || r.type === type) && matchesOrThrow(r, request.search ?? { and: [] }));
      selected = found.flatMap((r) => references.flatMap(([name, agg]) => (r.metrics[name] ? [[metrics.get(r.metrics[name] ?? ''), agg]] : [])))
        .filter((pair): pair is [StubMetric, string] => pair[0] !== undefined);
      if (selected.length === 0) throw new HttpError(404, `Metric ${pyListRepr([...new Set(references.map(([name]) => name))].sort())} does not exist`);
    } else {
      const missing = references.map(([id]) => id).filter((id) => !metrics.has(id));
      if (missing.length) throw new HttpError(404, { cause: 'Unknown metrics', reason: "Provided metrics don't exists", detail: missing });
      selected = references.map(([id, agg]) => [metrics.get(id) as StubMetric, agg]);
    }
    for (const [metric, agg] of selected) {
      if (!metric.aggregationMethods.includes(agg) || (granularity !== undefined && !hasGranularity(metric, granularity))) {
        throw new HttpError(404, { cause: 'Metrics with unknown aggregation', detail: [[metric.id, agg]] });
      }
    }
    const series = selected.map(([metric, agg]) => window(pointsOf(metric, agg), { ...query, granularity }));
    return { measures: { aggregated: aggregateAcross(method, series) } };
  };

  const server = await startHttpServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stub');
      const text = await readBody(request);
      const query = Object.fromEntries(url.searchParams);
      let body: unknown;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        body = text;
      }
      requests.push({ method: request.method ?? 'GET', path: url.pathname, query, headers: request.headers, body });
      const fault = faults.shift();
      if (fault && 'hang' in fault) return void hanging.add(response);
      if (fault && 'reset' in fault) return void response.socket?.destroy();
      if (fault) {
        const payload = fault.body ?? JSON.stringify({ code: fault.status, description: fault.description ?? '', title: TITLES[fault.status] ?? 'Error' });
        response.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json', ...fault.headers });
        return void response.end(payload);
      }
      try {
        if (options.authToken !== undefined && request.headers['x-auth-token'] !== options.authToken) throw new HttpError(401, 'Authentication required');
        // What the API asks while validating gnocchi rules (§2.1.1).
        if (request.method === 'GET' && url.pathname === '/v1/capabilities') {
          return sendJson(response, 200, { aggregation_methods: [...DEFAULT_METHODS, 'rate:mean'] });
        }
        const route = MEASURES_PATH.exec(url.pathname);
        if (request.method === 'GET' && route) {
          const [, type = '', id = '', name = ''] = route.map((part) => decodeURIComponent(part));
          return sendJson(response, 200, measures(type, id, name, query));
        }
        if (request.method === 'POST' && url.pathname === '/v1/aggregates') {
          if (!request.headers['content-type']?.startsWith('application/json')) throw new HttpError(415, 'Unsupported Media Type');
          return sendJson(response, 200, aggregates(query, body));
        }
        throw new HttpError(404, 'The resource could not be found.');
      } catch (error) {
        const failure = error instanceof HttpError ? error : new HttpError(400, `Invalid input: ${error instanceof Error ? error.message : String(error)}`);
        sendJson(response, failure.status, { code: failure.status, description: failure.description, title: TITLES[failure.status] ?? 'Error' });
      }
    })();
  });

  return {
    url: server.url,
    requests,
    addMetric,
    addResource: ({ id, type = 'generic', attributes = {}, metrics: seeds = {} }) => {
      const ids = Object.fromEntries(Object.entries(seeds).map(([name, seed]) => [name, addMetric(seed)]));
      resources.set(id, { id, type, attributes, metrics: ids });
      return ids;
    },
    failNext: (fault) => void faults.push(fault),
    reset: () => {
      metrics.clear();
      resources.clear();
      requests.length = 0;
      faults.length = 0;
    },
    stop: async () => {
      for (const response of hanging) response.socket?.destroy();
      await server.close();
    },
  };
}

function matchesOrThrow(resource: StubResource, filter: JsonValue): boolean {
  try {
    return matches(resource, filter);
  } catch (error) {
    throw new HttpError(400, `Invalid input: ${error instanceof Error ? error.message : String(error)}`);
  }
}
