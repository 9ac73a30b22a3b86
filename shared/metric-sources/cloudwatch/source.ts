import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { MetricSource } from '../../ports/metric-source.js';
import { InvalidQueryError } from '../errors.js';
import { getMetricData, type QueryOutcome } from './get-metric-data.js';
import { CLOUDWATCH, type CloudWatchQuery, type cloudwatchSettings, DEFAULT_CLOUDWATCH_TENANCY } from './query.js';
import type { RowValues } from '../../setting-rows/setting.js';
import type { MetricSourcePlugin } from '../plugin.js';

/** GetMetricData accepts at most 500 MetricDataQueries per call. */
const API_MAX_QUERIES = 500;

export interface CloudWatchMetricSourceOptions {
  /** Built by the caller, so that tests and `npm start` can point it at a local endpoint. */
  client: CloudWatchClient;
  /** Queries per GetMetricData call, 1..500. */
  maxQueriesPerCall?: number;
  /** How long the first query of a batch waits for others to join it. */
  batchWindowMs?: number;
  /** Per GetMetricData page; a slower CloudWatch counts as unavailable. */
  timeoutMs?: number;
  /** The dimension a scoped query's project goes into (`CLOUDWATCH_PROJECT_DIMENSION`, default `project_id`). */
  projectDimension?: string;
}

/** The query as sent: a scoped one reads only metrics whose project dimension is the alarm's project. */
function scoped(query: CloudWatchQuery, projectDimension: string): CloudWatchQuery {
  const { scopeToProject, ...rest } = query;
  if (scopeToProject === undefined) return rest;
  const others = rest.dimensions.filter((dimension) => dimension.name !== projectDimension);
  return { ...rest, dimensions: [...others, { name: projectDimension, value: scopeToProject }] };
}

interface Waiter {
  query: CloudWatchQuery;
  resolve: (values: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The CloudWatch metric source, which batches: an evaluation cycle asks for one metric per alarm, and
 * GetMetricData is billed per metric but called per request, with a low request quota. So
 * calls arriving within `batchWindowMs` share requests of up to `maxQueriesPerCall` queries,
 * one batch per distinct (start, end) because a call has a single time range. A full batch
 * goes out at once, without waiting for the window.
 *
 * If CloudWatch rejects a whole call as invalid (one alarm with a bad period or statistic),
 * the batch is split in halves and retried, so only the offending queries fail.
 */
export class CloudWatchMetricSource implements MetricSource<CloudWatchQuery, number[]> {
  private readonly client: CloudWatchClient;
  private readonly maxQueries: number;
  private readonly windowMs: number;
  private readonly timeoutMs: number;
  private readonly projectDimension: string;
  private readonly waiting = new Map<string, Waiter[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: CloudWatchMetricSourceOptions) {
    this.client = options.client;
    this.maxQueries = options.maxQueriesPerCall ?? API_MAX_QUERIES;
    if (!Number.isInteger(this.maxQueries) || this.maxQueries < 1 || this.maxQueries > API_MAX_QUERIES) {
      throw new RangeError(`maxQueriesPerCall must be an integer in 1..${API_MAX_QUERIES}, got ${this.maxQueries}`);
    }
    this.windowMs = options.batchWindowMs ?? 5;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.projectDimension = options.projectDimension ?? DEFAULT_CLOUDWATCH_TENANCY.projectDimension;
  }

  read(asked: CloudWatchQuery): Promise<number[]> {
    const query = scoped(asked, this.projectDimension);
    return new Promise<number[]>((resolve, reject) => {
      const key = `${query.start.getTime()}/${query.end.getTime()}`;
      const batch = this.waiting.get(key) ?? [];
      batch.push({ query, resolve, reject });
      this.waiting.set(key, batch);
      if (batch.length >= this.maxQueries) {
        this.waiting.delete(key);
        void this.send(batch);
      } else {
        this.timer ??= setTimeout(() => this.flush(), this.windowMs);
      }
    });
  }

  private flush(): void {
    this.timer = undefined;
    const batches = [...this.waiting.values()];
    this.waiting.clear();
    for (const batch of batches) void this.send(batch);
  }

  private async send(batch: Waiter[]): Promise<void> {
    const outcomes = await this.outcomes(batch.map((waiter) => waiter.query));
    batch.forEach((waiter, i) => {
      const outcome = outcomes[i];
      if (outcome && 'values' in outcome) waiter.resolve(outcome.values);
      else waiter.reject(outcome?.error ?? new Error('cloudwatch returned no result for this query'));
    });
  }

  /** Never throws: a failed call fails each of its queries. */
  private async outcomes(queries: CloudWatchQuery[]): Promise<QueryOutcome[]> {
    try {
      return await getMetricData(this.client, queries, this.timeoutMs);
    } catch (error) {
      if (error instanceof InvalidQueryError && queries.length > 1) {
        const half = Math.ceil(queries.length / 2);
        const [left, right] = await Promise.all([this.outcomes(queries.slice(0, half)), this.outcomes(queries.slice(half))]);
        return [...left, ...right];
      }
      const failure = error instanceof Error ? error : new Error(String(error));
      return queries.map(() => ({ error: failure }));
    }
  }
}

export type CloudWatchSettings = RowValues<typeof cloudwatchSettings> & {
  /** The client is built by the composition root, so that tests and `npm start` can point it elsewhere. */
  cloudwatch?: Omit<CloudWatchMetricSourceOptions, 'timeoutMs' | 'projectDimension'>;
};

export const cloudwatchSource: MetricSourcePlugin<CloudWatchQuery, number[], CloudWatchSettings> = {
  ...CLOUDWATCH,
  create: ({ cloudwatch, cloudwatchProjectDimension, timeoutMs }) =>
    cloudwatch === undefined ? undefined : new CloudWatchMetricSource({ ...cloudwatch, projectDimension: cloudwatchProjectDimension, timeoutMs }),
};
