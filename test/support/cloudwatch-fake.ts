import type { ServerResponse } from 'node:http';
import { readBody, sendJson, startHttpServer } from './http-server.js';

/**
 * A local CloudWatch endpoint speaking the protocol @aws-sdk/client-cloudwatch 3.1164 uses:
 * AWS JSON 1.0 (`POST /`, `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`,
 * timestamps as epoch seconds) in awsQueryCompatible mode (errors also carry
 * `x-amzn-query-error: <Code>;Sender`). Moto 5.1.1, the one Debian has, only answers CloudWatch
 * in the query protocol (XML), so the real SDK cannot talk to it. Implements PutMetricData
 * (Value or Values/Counts) and GetMetricData (MetricStat queries; Average, Sum, Minimum,
 * Maximum, SampleCount, pNN), with NextToken paging.
 */
export interface CloudWatchFake {
  endpoint: string;
  /** Requests per operation name, failed ones included. */
  calls: Record<string, number>;
  /** Every GetMetricData request as received. */
  getMetricDataRequests: Array<{ queryIds: string[]; startTime: number; endTime: number; nextToken?: string }>;
  /** The next request gets this error instead of an answer (status 400 with `type` Throttling, say). */
  failNext(fault: { status: number; type: string; message?: string } | { hangMs: number }): void;
  /** Datapoints per GetMetricData answer before NextToken kicks in (CloudWatch: 100,800). */
  setPageSize(datapoints: number): void;
  /** Forgets data, faults, counters and the page size. */
  reset(): void;
  stop(): Promise<void>;
}

interface Sample {
  t: number;
  value: number;
}

type Json = Record<string, unknown>;
type Dimension = { Name?: string; Value?: string };

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const STANDARD_PERIODS = new Set([1, 5, 10, 20, 30]);

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_PAGE_SIZE = 100_800;

export async function startCloudWatchFake(): Promise<CloudWatchFake> {
  let pageSize = DEFAULT_PAGE_SIZE;
  const samples = new Map<string, Sample[]>();
  const calls: Record<string, number> = {};
  const getMetricDataRequests: CloudWatchFake['getMetricDataRequests'] = [];
  const faults: Array<{ status: number; type: string; message?: string } | { hangMs: number }> = [];
  const open = new Set<ServerResponse>();

  const putMetricData = (body: Json): Json => {
    for (const datum of (body.MetricData as Json[] | undefined) ?? []) {
      const key = metricKey(String(body.Namespace), String(datum.MetricName), (datum.Dimensions as Dimension[] | undefined) ?? []);
      const t = typeof datum.Timestamp === 'number' ? datum.Timestamp * 1000 : Date.now();
      const values = datum.Values ? (datum.Values as number[]) : [Number(datum.Value)];
      const counts = (datum.Counts as number[] | undefined) ?? values.map(() => 1);
      const stored = samples.get(key) ?? [];
      values.forEach((value, i) => {
        for (let n = 0; n < (counts[i] ?? 1); n++) stored.push({ t, value });
      });
      samples.set(key, stored);
    }
    return {};
  };

  const getMetricData = (body: Json): Json => {
    const queries = (body.MetricDataQueries as Json[] | undefined) ?? [];
    const startTime = Number(body.StartTime) * 1000;
    const endTime = Number(body.EndTime) * 1000;
    getMetricDataRequests.push({ queryIds: queries.map((q) => String(q.Id)), startTime, endTime, ...(typeof body.NextToken === 'string' && { nextToken: body.NextToken }) });
    if (queries.length > 500) throw new ApiError(400, 'ValidationError', 'The collection MetricDataQueries must not have a size greater than 500.');
    if (!(startTime < endTime)) throw new ApiError(400, 'ValidationError', 'The parameter StartTime must be less than the parameter EndTime.');
    if (new Set(queries.map((q) => q.Id)).size !== queries.length) throw new ApiError(400, 'ValidationError', 'The values for parameter id in MetricDataQueries are not unique.');
    const ascending = body.ScanBy === 'TimestampAscending';
    const perQuery = queries.map((query) => {
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(String(query.Id))) throw new ApiError(400, 'ValidationError', `Invalid metric data query id: ${String(query.Id)}`);
      const stat = query.MetricStat as Json | undefined;
      if (!stat) throw new ApiError(400, 'InvalidParameterValueException', 'The fake only supports MetricStat queries.');
      const metric = stat.Metric as Json;
      const period = Number(stat.Period);
      if (!(STANDARD_PERIODS.has(period) || (period > 0 && period % 60 === 0))) throw new ApiError(400, 'InvalidParameterValueException', `The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60, got ${period}.`);
      const reduce = reducer(String(stat.Stat));
      const key = metricKey(String(metric.Namespace), String(metric.MetricName), (metric.Dimensions as Dimension[] | undefined) ?? []);
      const buckets = new Map<number, number[]>();
      for (const sample of samples.get(key) ?? []) {
        if (sample.t < startTime || sample.t >= endTime) continue;
        const bucket = Math.floor(sample.t / (period * 1000)) * period * 1000;
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), sample.value]);
      }
      const points = [...buckets.entries()].map(([t, values]) => ({ t, value: reduce(values) })).sort((a, b) => (ascending ? a.t - b.t : b.t - a.t));
      return { id: String(query.Id), points };
    });
    // A page is the next `pageSize` datapoints, queries in request order; every query appears on every page.
    const offset = Number(body.NextToken ?? 0);
    const end = offset + pageSize;
    let before = 0;
    const results = perQuery.map((q) => {
      const mine = q.points.slice(Math.max(0, offset - before), Math.max(0, end - before));
      before += q.points.length;
      return {
        Id: q.id,
        Label: q.id,
        Timestamps: mine.map((point) => point.t / 1000),
        Values: mine.map((point) => point.value),
        StatusCode: before > end ? 'PartialData' : 'Complete',
      };
    });
    return { MetricDataResults: results, Messages: [], ...(end < before && { NextToken: String(end) }) };
  };

  const operations: Record<string, (body: Json) => Json> = { PutMetricData: putMetricData, GetMetricData: getMetricData };

  const server = await startHttpServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      calls[operation] = (calls[operation] ?? 0) + 1;
      const fault = faults.shift();
      if (fault && 'hangMs' in fault) {
        open.add(response);
        await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
        open.delete(response);
      }
      try {
        if (fault && 'status' in fault) throw new ApiError(fault.status, fault.type, fault.message ?? fault.type);
        const handler = operations[operation];
        if (request.method !== 'POST' || !handler) throw new ApiError(400, 'UnknownOperationException', `Unknown operation ${target}`);
        if (request.headers['content-type'] !== 'application/x-amz-json-1.0') throw new ApiError(400, 'SerializationException', 'Expected application/x-amz-json-1.0');
        sendJson(response, 200, handler(text ? (JSON.parse(text) as Json) : {}), { 'Content-Type': 'application/x-amz-json-1.0' });
      } catch (error) {
        const failure = error instanceof ApiError ? error : new ApiError(500, 'InternalServiceError', String(error));
        const code = failure.type.replace(/Exception$/, '');
        sendJson(response, failure.status, { __type: `com.amazonaws.cloudwatch#${failure.type}`, message: failure.message }, {
          'Content-Type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': `${code};${failure.status >= 500 ? 'Receiver' : 'Sender'}`,
        });
      }
    })();
  });

  return {
    endpoint: server.url,
    calls,
    getMetricDataRequests,
    failNext: (fault) => void faults.push(fault),
    setPageSize: (datapoints) => void (pageSize = datapoints),
    reset: () => {
      pageSize = DEFAULT_PAGE_SIZE;
      samples.clear();
      faults.length = 0;
      getMetricDataRequests.length = 0;
      for (const name of Object.keys(calls)) delete calls[name];
    },
    stop: async () => {
      for (const response of open) response.socket?.destroy();
      await server.close();
    },
  };
}

/** A metric is its namespace, name and exact dimension set (order does not matter). */
function metricKey(namespace: string, name: string, dimensions: Dimension[]): string {
  const dims = dimensions.map((d) => `${d.Name}=${d.Value}`).sort();
  return JSON.stringify([namespace, name, dims]);
}

function reducer(stat: string): (values: number[]) => number {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const percentile = /^p(\d{1,2}(?:\.\d+)?)$/.exec(stat);
  if (percentile) {
    const rank = Number(percentile[1]) / 100;
    return (values) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(rank * values.length) - 1)] ?? NaN;
  }
  const standard: Record<string, (values: number[]) => number> = {
    Average: (values) => sum(values) / values.length,
    Sum: sum,
    Minimum: (values) => Math.min(...values),
    Maximum: (values) => Math.max(...values),
    SampleCount: (values) => values.length,
  };
  const known = standard[stat];
  if (!known) throw new ApiError(400, 'InvalidParameterValueException', `Unknown statistic ${stat}.`);
  return known;
}
