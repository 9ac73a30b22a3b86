import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { MetricSourceUnavailableError } from '../../errors.js';
import { InvalidQueryError } from '../errors.js';
import { isUnavailableStatus } from '../http.js';
import type { CloudWatchQuery } from './query.js';

/** The outcome of one query of a GetMetricData call: its values oldest first, or why it has none. */
export type QueryOutcome = { values: number[] } | { error: Error };

/** Error names AWS uses for throttling (the SDK's own list, plus CloudWatch's query-protocol code). */
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

/**
 * One GetMetricData request for queries that share a time range (the API takes one
 * StartTime/EndTime per call), following NextToken until CloudWatch has sent everything.
 * Query i is `q<i>`. A failed call throws MetricSourceUnavailableError (network, timeout,
 * throttling, 5xx) or InvalidQueryError (any other 4xx: the request itself is wrong).
 */
export async function getMetricData(client: CloudWatchClient, queries: CloudWatchQuery[], timeoutMs: number): Promise<QueryOutcome[]> {
  const first = queries[0];
  if (!first) return [];
  const collected = queries.map(() => ({ points: [] as Array<[number, number]>, status: 'Complete', message: '' }));
  const metricDataQueries: MetricDataQuery[] = queries.map((query, i) => ({
    Id: `q${i}`,
    MetricStat: {
      Metric: { Namespace: query.namespace, MetricName: query.metricName, Dimensions: query.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
      Period: query.period,
      Stat: query.statistic,
    },
    ReturnData: true,
  }));
  let nextToken: string | undefined;
  do {
    const command = new GetMetricDataCommand({
      MetricDataQueries: metricDataQueries,
      StartTime: first.start,
      EndTime: first.end,
      ScanBy: 'TimestampAscending',
      NextToken: nextToken,
    });
    const page = await client.send(command, { abortSignal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
      throw classifyFailure(error, timeoutMs);
    });
    for (const result of page.MetricDataResults ?? []) {
      const slot = collected[Number(result.Id?.slice(1))];
      if (!slot) continue;
      const timestamps = result.Timestamps ?? [];
      (result.Values ?? []).forEach((value, i) => slot.points.push([timestamps[i]?.getTime() ?? 0, value]));
      // PartialData only means "more on the next page"; a failure on any page sticks.
      if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        slot.status = result.StatusCode;
        slot.message = (result.Messages ?? []).map((m) => `${m.Code ?? ''} ${m.Value ?? ''}`.trim()).join('; ');
      }
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return collected.map((slot, i) => {
    const what = `${queries[i]?.namespace}/${queries[i]?.metricName}`;
    if (slot.status === 'InternalError') return { error: new MetricSourceUnavailableError(`cloudwatch could not compute ${what}: ${slot.message || 'InternalError'}`) };
    if (slot.status === 'Forbidden') return { error: new InvalidQueryError('cloudwatch', `cloudwatch denied access to ${what}: ${slot.message || 'Forbidden'}`) };
    return { values: slot.points.sort((a, b) => a[0] - b[0]).map(([, value]) => value) };
  });
}

function classifyFailure(error: unknown, timeoutMs: number): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  const status = (failure as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return new MetricSourceUnavailableError(`cloudwatch did not answer GetMetricData within ${timeoutMs} ms`, { cause: error });
  }
  // No HTTP status at all means the request never got an answer (refused, reset, DNS).
  if (status === undefined || isUnavailableStatus(status) || THROTTLING.has(failure.name)) {
    return new MetricSourceUnavailableError(`cloudwatch GetMetricData failed: ${failure.name}: ${failure.message}`, { cause: error });
  }
  return new InvalidQueryError('cloudwatch', `cloudwatch rejected GetMetricData: ${failure.name}: ${failure.message}`, status, { cause: error });
}
