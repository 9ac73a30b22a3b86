import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';
import { CloudWatchMetricSource } from '../../../shared/metric-sources/cloudwatch/source.js';
import { InvalidQueryError } from '../../../shared/metric-sources/errors.js';
import type { CloudWatchQuery } from '../../../shared/metric-sources/cloudwatch/query.js';
import { type CloudWatchFake, startCloudWatchFake } from '../../support/cloudwatch-fake.js';
import { metricSourceConformance } from './conformance.js';

const START = new Date('2024-05-01T10:00:00Z');
const END = new Date('2024-05-01T10:10:00Z');
const at = (minute: number, second = 0) => new Date(START.getTime() + minute * 60_000 + second * 1000);

/** The real SDK client, pointed at a local endpoint; one attempt, so failures show up at once. */
function clientFor(endpoint: string): CloudWatchClient {
  return new CloudWatchClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

function query(host: string, overrides: Partial<CloudWatchQuery> = {}): CloudWatchQuery {
  return { namespace: 'Aodh/Test', metricName: 'cpu', dimensions: [{ name: 'host', value: host }], statistic: 'Average', period: 60, start: START, end: END, ...overrides };
}

describe('CloudWatchMetricSource against a local CloudWatch (AWS JSON 1.0)', () => {
  let fake: CloudWatchFake;
  let client: CloudWatchClient;
  let source: CloudWatchMetricSource;

  beforeAll(async () => {
    fake = await startCloudWatchFake();
    client = clientFor(fake.endpoint);
    source = new CloudWatchMetricSource({ client, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    client?.destroy();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  const put = async (host: string, points: Array<[Date, number]>) => {
    const MetricData = points.map(([Timestamp, Value]) => ({ MetricName: 'cpu', Dimensions: [{ Name: 'host', Value: host }], Timestamp, Value }));
    for (let i = 0; i < MetricData.length; i += 1000) await client.send(new PutMetricDataCommand({ Namespace: 'Aodh/Test', MetricData: MetricData.slice(i, i + 1000) }));
  };

  it('returns one value per period with data, oldest first, across pages', async () => {
    fake.setPageSize(4);
    await put('a', [[at(3), 30], [at(1), 10], [at(1, 30), 20], [at(2), 40], [at(5), 50], [at(7), 70], [at(12), 999]]);
    await put('b', [[at(4), 4], [at(6), 6]]);
    const [a, b] = await Promise.all([source.read(query('a')), source.read(query('b'))]);
    expect(a).toEqual([15, 40, 30, 50, 70]);
    expect(b).toEqual([4, 6]);
    expect(fake.getMetricDataRequests.length).toBeGreaterThan(1);
    expect(fake.getMetricDataRequests[1]?.nextToken).toBeDefined();
  });

  it('applies the statistic and matches the exact dimension set', async () => {
    await put('b', [[at(1), 1], [at(1, 10), 5], [at(1, 20), 3]]);
    expect(await source.read(query('b', { statistic: 'Maximum' }))).toEqual([5]);
    expect(await source.read(query('b', { statistic: 'SampleCount' }))).toEqual([3]);
    expect(await source.read(query('b', { statistic: 'p50' }))).toEqual([3]);
    expect(await source.read(query('b', { dimensions: [] }))).toEqual([]);
  });

  it("reads a scoped query's metric with the project dimension set to the alarm's project, replacing any given", async () => {
    const publish = (Dimensions: Array<{ Name: string; Value: string }>, Value: number) =>
      client.send(new PutMetricDataCommand({ Namespace: 'Aodh/Test', MetricData: [{ MetricName: 'cpu', Dimensions, Timestamp: at(1), Value }] }));
    await publish([{ Name: 'host', Value: 'a' }], 1);
    await publish([{ Name: 'host', Value: 'a' }, { Name: 'project_id', Value: 'p1' }], 2);
    await publish([{ Name: 'host', Value: 'a' }, { Name: 'tenant', Value: 'p1' }], 3);
    expect(await source.read(query('a', { scopeToProject: 'p1' }))).toEqual([2]);
    expect(await source.read(query('a', { scopeToProject: 'p2' }))).toEqual([]);
    expect(await source.read(query('a', { scopeToProject: 'p1', dimensions: [{ name: 'host', value: 'a' }, { name: 'project_id', value: 'p2' }] }))).toEqual([2]);
    const byTenant = new CloudWatchMetricSource({ client, timeoutMs: 2_000, projectDimension: 'tenant' });
    expect(await byTenant.read(query('a', { scopeToProject: 'p1' }))).toEqual([3]);
    expect(await source.read(query('a'))).toEqual([1]);
  });

  it('combines 1,200 concurrent queries into exactly 3 GetMetricData calls and routes every result back', async () => {
    const hosts = Array.from({ length: 1200 }, (_, i) => `h${i}`);
    const data = hosts.map((host, i) => ({ MetricName: 'cpu', Dimensions: [{ Name: 'host', Value: host }], Timestamp: at(1), Value: i }));
    for (let i = 0; i < data.length; i += 1000) await client.send(new PutMetricDataCommand({ Namespace: 'Aodh/Test', MetricData: data.slice(i, i + 1000) }));
    const batching = new CloudWatchMetricSource({ client });
    const results = await Promise.all(hosts.map((host) => batching.read(query(host))));
    expect(results).toEqual(hosts.map((_, i) => [i]));
    expect(fake.calls.GetMetricData).toBe(3);
    expect(fake.getMetricDataRequests.map((r) => r.queryIds.length)).toEqual([500, 500, 200]);
  });

  it('sends one batch per distinct time range', async () => {
    const other = { start: at(2), end: at(4) };
    await Promise.all([source.read(query('a')), source.read(query('b', other)), source.read(query('c')), source.read(query('d', other))]);
    expect(fake.getMetricDataRequests.map((r) => r.queryIds)).toEqual([
      ['q0', 'q1'],
      ['q0', 'q1'],
    ]);
  });

  it('starts a new batch for calls arriving after the window closed', async () => {
    await source.read(query('a'));
    await source.read(query('b'));
    expect(fake.calls.GetMetricData).toBe(2);
  });

  it('fails only the queries CloudWatch rejects when one query in a batch is invalid', async () => {
    await put('ok', [[at(1), 7]]);
    const outcomes = await Promise.allSettled([source.read(query('ok')), source.read(query('ok', { period: 7 })), source.read(query('ok', { statistic: 'Maximum' }))]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: [7] });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(InvalidQueryError) });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: [7] });
  });

  it.each([
    ['throttling', { status: 400, type: 'Throttling' }],
    ['an internal error', { status: 500, type: 'InternalServiceError' }],
    ['unavailability', { status: 503, type: 'ServiceUnavailable' }],
  ])('reports %s as unavailable', async (_, fault) => {
    fake.failNext(fault);
    await expect(source.read(query('a'))).rejects.toBeInstanceOf(MetricSourceUnavailableError);
  });

  it('reports access denied as an invalid query', async () => {
    fake.failNext({ status: 403, type: 'AccessDeniedException', message: 'not authorized to perform cloudwatch:GetMetricData' });
    const error = await source.read(query('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect(error).toMatchObject({ source: 'cloudwatch', status: 403 });
  });
});

metricSourceConformance('cloudwatch', (baseUrl, timeoutMs) => () => new CloudWatchMetricSource({ client: clientFor(baseUrl), timeoutMs }).read(query('a')));
