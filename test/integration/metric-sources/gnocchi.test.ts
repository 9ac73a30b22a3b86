import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import { GnocchiHttpSource } from '../../../shared/metric-sources/gnocchi/source.js';
import type { GnocchiQuery } from '../../../shared/metric-sources/gnocchi/query.js';
import { type GnocchiStub, startGnocchiStub } from '../../support/gnocchi-stub.js';
import { metricSourceConformance } from './conformance.js';
import { minutePoints, resourceQuery } from './gnocchi-fixtures.js';

const TOKEN = 'token-1';

describe('GnocchiHttpSource: gnocchi_resources_threshold measures', () => {
  let stub: GnocchiStub;
  let source: GnocchiHttpSource;

  beforeAll(async () => {
    stub = await startGnocchiStub({ authToken: TOKEN });
    source = new GnocchiHttpSource({ baseUrl: stub.url, authHeaders: { 'X-Auth-Token': TOKEN }, timeoutMs: 2_000 });
  });
  afterAll(async () => stub?.stop());
  beforeEach(() => {
    stub.reset();
    stub.addResource({ id: 'r1', type: 'instance', metrics: { cpu_util: { aggregationMethods: ['mean'], measures: minutePoints([1, 2, 3, 4, 5, 6, 7, 8]) } } });
  });

  const reason = (query: GnocchiQuery) =>
    source.read(query).then(
      () => 'no error',
      (error: unknown) => (error instanceof InsufficientDataError ? error.message : error),
    );

  it('asks for the resource metric measures with Aodh’s parameters and returns the points as Gnocchi sends them', async () => {
    const points = await source.read(resourceQuery());
    expect(points.map((p) => p[2])).toEqual([3, 4, 5, 6, 7, 8]);
    expect(points[0]).toEqual(['2024-05-01T10:39:00+00:00', 60, 3]);
    expect(stub.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/resource/generic/r1/metric/cpu_util/measures',
      query: { aggregation: 'mean', granularity: '60', start: '2024-05-01T10:39:00', stop: '2024-05-01T10:45:00' },
      headers: { 'x-auth-token': TOKEN },
    });
  });

  it('reads under generic whatever the rule’s resource_type, as Aodh’s client does', async () => {
    await expect(source.read(resourceQuery({ resourceType: 'volume' }))).resolves.toHaveLength(6);
    expect(stub.requests[0]?.path).toBe('/v1/resource/generic/r1/metric/cpu_util/measures');
  });

  it('encodes resource ids and metric names as path segments', async () => {
    stub.addResource({ id: 'a/b c', type: 'instance', metrics: { 'disk.read?': { measures: minutePoints([1, 2, 3]) } } });
    const points = await source.read(resourceQuery({ resourceId: 'a/b c', metric: 'disk.read?' }));
    expect(points).toHaveLength(1);
    expect(stub.requests[0]?.path).toBe('/v1/resource/generic/a%2Fb%20c/metric/disk.read%3F/measures');
  });

  it('takes auth headers from a function on every request', async () => {
    let calls = 0;
    const dynamic = new GnocchiHttpSource({ baseUrl: stub.url, authHeaders: async () => ({ 'X-Auth-Token': `${calls++ === 0 ? TOKEN : 'stale'}` }) });
    await expect(dynamic.read(resourceQuery())).resolves.toHaveLength(6);
    expect(await dynamic.read(resourceQuery()).catch((e: unknown) => (e as Error).message)).toBe('alarm statistics retrieval failed: Authentication required (HTTP 401)');
  });

  it.each([
    ['the metric is missing', resourceQuery({ metric: 'memory' }), 'metric memory for resource r1 does not exists'],
    ['the resource is missing', resourceQuery({ resourceId: 'r9' }), 'resource r9 does not exists'],
    ['the archive policy lacks the method (dict description)', resourceQuery({ aggregation: 'max' }), 'aggregation max does not exist for metric cpu_util of resource r1'],
    ['the archive policy lacks the granularity', resourceQuery({ granularity: 3600 }), 'aggregation mean does not exist for metric cpu_util of resource r1'],
  ])('reports insufficient data with Aodh’s reason when %s', async (_, query, expected) => {
    expect(await reason(query)).toBe(expected);
  });

  it.each([
    ['a text description', { status: 400, description: 'Invalid value for start' }, 'Invalid value for start (HTTP 400)'],
    ['a dict description, printed as Python does', { status: 400, description: { cause: 'Invalid input', reason: "bad 'x'" } }, `{'cause': 'Invalid input', 'reason': "bad 'x'"} (HTTP 400)`],
    ['a request id', { status: 403, description: 'Access was denied', headers: { 'x-openstack-request-id': 'req-7' } }, 'Access was denied (HTTP 403) (Request-ID: req-7)'],
    ['a Keystone error body', { status: 401, body: '{"error": {"message": "The request you have made requires authentication.", "code": 401}}' }, 'The request you have made requires authentication. (HTTP 401)'],
    ['a text/html body', { status: 409, body: '<h1>Conflict</h1>', contentType: 'text/html' }, '<h1>Conflict</h1> (HTTP 409)'],
    ['an unparsed content type', { status: 400, body: 'x', contentType: 'application/octet-stream' }, 'Bad request (HTTP 400)'],
    ['an empty description', { status: 405, description: '' }, 'Method Not Allowed (HTTP 405)'],
  ])('reports any other 4xx with %s as "alarm statistics retrieval failed"', async (_, fault, detail) => {
    stub.failNext(fault);
    expect(await reason(resourceQuery())).toBe(`alarm statistics retrieval failed: ${detail}`);
  });

  it('reports a 200 answer it cannot read as "alarm statistics retrieval failed"', async () => {
    stub.failNext({ status: 200, body: '{"unexpected": true}' });
    expect(await reason(resourceQuery())).toBe('alarm statistics retrieval failed: unreadable Gnocchi answer: {"unexpected": true}');
  });

  it.each([500, 502, 503, 429])('reports HTTP %i as unavailable, not as insufficient data', async (status) => {
    stub.failNext({ status, description: 'down' });
    await expect(source.read(resourceQuery())).rejects.toBeInstanceOf(MetricSourceUnavailableError);
  });

  it('reports a stalled Gnocchi as unavailable after the timeout', async () => {
    stub.failNext({ hang: true });
    const quick = new GnocchiHttpSource({ baseUrl: stub.url, authHeaders: { 'X-Auth-Token': TOKEN }, timeoutMs: 200 });
    await expect(quick.read(resourceQuery())).rejects.toThrow(/no answer within 200 ms/);
  });

  it('reports failing credentials as unavailable', async () => {
    const noToken = new GnocchiHttpSource({ baseUrl: stub.url, authHeaders: () => Promise.reject(new Error('keystone down')) });
    await expect(noToken.read(resourceQuery())).rejects.toBeInstanceOf(MetricSourceUnavailableError);
    expect(stub.requests).toHaveLength(0);
  });
});

metricSourceConformance('gnocchi', (baseUrl, timeoutMs) => () => new GnocchiHttpSource({ baseUrl, timeoutMs }).read(resourceQuery()));
