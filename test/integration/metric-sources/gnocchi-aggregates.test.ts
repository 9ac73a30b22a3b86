import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import { GnocchiHttpSource } from '../../../shared/metric-sources/gnocchi/source.js';
import type { GnocchiQuery } from '../../../shared/metric-sources/gnocchi/query.js';
import { type GnocchiStub, startGnocchiStub } from '../../support/gnocchi-stub.js';
import { minutePoints, WINDOW } from './gnocchi-fixtures.js';

describe('GnocchiHttpSource: dynamic aggregates', () => {
  let stub: GnocchiStub;
  let source: GnocchiHttpSource;
  let m1: string;
  let m2: string;

  beforeAll(async () => {
    stub = await startGnocchiStub();
    source = new GnocchiHttpSource({ baseUrl: stub.url, timeoutMs: 2_000 });
  });
  afterAll(async () => stub?.stop());
  beforeEach(() => {
    stub.reset();
    m1 = stub.addMetric({ aggregationMethods: ['mean', 'max'], measures: minutePoints([10, 10, 10, 20, 30, 40, 50, 60]) });
    m2 = stub.addMetric({ aggregationMethods: ['mean'], measures: minutePoints([0, 0, 0, 0, 10, 20, 30, 40]) });
    stub.addResource({ id: 'vm1', type: 'instance', attributes: { server_group: 'g1' }, metrics: { cpu_util: { measures: minutePoints([1, 1, 1, 2, 3, 4, 5, 6]) } } });
    stub.addResource({ id: 'vm2', type: 'instance', attributes: { server_group: 'g1' }, metrics: { cpu_util: { measures: minutePoints([3, 3, 3, 4, 5, 6, 7, 8]) } } });
    stub.addResource({ id: 'vm3', type: 'instance', attributes: { server_group: 'g2' }, metrics: { cpu_util: { measures: minutePoints([99, 99, 99, 99, 99, 99, 99, 99]) } } });
  });

  const metricsQuery = (overrides: Partial<Extract<GnocchiQuery, { kind: 'metrics' }>> = {}): GnocchiQuery => ({ kind: 'metrics', metrics: [m1, m2], aggregation: 'mean', ...WINDOW, ...overrides });
  const resourcesQuery = (overrides: Partial<Extract<GnocchiQuery, { kind: 'resources' }>> = {}): GnocchiQuery => ({
    kind: 'resources',
    metric: 'cpu_util',
    resourceType: 'instance',
    query: { '=': { server_group: 'g1' } },
    aggregation: 'mean',
    ...WINDOW,
    ...overrides,
  });
  const reason = (query: GnocchiQuery) =>
    source.read(query).then(
      () => 'no error',
      (error: unknown) => (error instanceof InsufficientDataError ? error.message : error),
    );

  describe('gnocchi_aggregation_by_metrics_threshold', () => {
    it('posts one aggregate over one metric node listing every metric, with needed_overlap=0, and returns measures.aggregated', async () => {
      const points = await source.read(metricsQuery());
      expect(points.map((p) => p[2])).toEqual([5, 10, 20, 30, 40, 50]);
      expect(stub.requests[0]).toMatchObject({
        method: 'POST',
        path: '/v1/aggregates',
        query: { granularity: '60', start: WINDOW.start, stop: WINDOW.stop, needed_overlap: '0' },
        body: { operations: ['aggregate', 'mean', ['metric', [m1, 'mean'], [m2, 'mean']]] },
      });
    });

    it('strips a literal rate: prefix for the metrics’ own aggregation only', async () => {
      const points = await source.read(metricsQuery({ aggregation: 'rate:mean' }));
      expect(points.map((p) => p[2])).toEqual([5, 10, 10, 10, 10]);
      expect(stub.requests[0]?.body).toEqual({ operations: ['aggregate', 'rate:mean', ['metric', [m1, 'mean'], [m2, 'mean']]] });
    });

    it('reports a missing metric as Aodh does with Gnocchi 4.x, whose 404 description is a dict', async () => {
      expect(await reason(metricsQuery({ metrics: [m1, 'deadbeef'] }))).toBe(`aggregation mean does not exist for at least one metrics in ['${m1}', 'deadbeef']`);
    });

    it('reports a 404 "Metric ... does not exist" text as "At least of metrics ... does not exist"', async () => {
      stub.failNext({ status: 404, description: `Metric ${m2} does not exist` });
      expect(await reason(metricsQuery())).toBe(`At least of metrics in ['${m1}', '${m2}'] does not exist`);
    });

    it('reports an aggregation missing from a metric’s archive policy', async () => {
      expect(await reason(metricsQuery({ aggregation: 'max' }))).toBe(`aggregation max does not exist for at least one metrics in ['${m1}', '${m2}']`);
    });

    it('reports other errors as "alarm statistics retrieval failed"', async () => {
      stub.failNext({ status: 400, description: { cause: 'Invalid operations', detail: 'x' } });
      expect(await reason(metricsQuery())).toBe("alarm statistics retrieval failed: {'cause': 'Invalid operations', 'detail': 'x'} (HTTP 400)");
    });
  });

  describe('gnocchi_aggregation_by_resources_threshold', () => {
    it('posts the search and resource type and aggregates the matching resources only', async () => {
      const points = await source.read(resourcesQuery());
      expect(points.map((p) => p[2])).toEqual([2, 3, 4, 5, 6, 7]);
      expect(stub.requests[0]).toMatchObject({
        path: '/v1/aggregates',
        query: { granularity: '60', start: WINDOW.start, stop: WINDOW.stop, needed_overlap: '0' },
        body: { operations: ['aggregate', 'mean', ['metric', 'cpu_util', 'mean']], search: { '=': { server_group: 'g1' } }, resource_type: 'instance' },
      });
    });

    it('reports a metric no matching resource has', async () => {
      expect(await reason(resourcesQuery({ metric: 'memory' }))).toBe('metric memory does not exists');
      expect(await reason(resourcesQuery({ query: { '=': { server_group: 'none' } } }))).toBe('metric cpu_util does not exists');
    });

    it('reports an aggregation missing from the archive policy', async () => {
      stub.addResource({ id: 'vm4', type: 'instance', attributes: { server_group: 'g3' }, metrics: { cpu_util: { aggregationMethods: ['mean'], measures: [] } } });
      expect(await reason(resourcesQuery({ aggregation: 'max', query: { '=': { server_group: 'g3' } } }))).toBe('aggregation max does not exist for at least one metric of the query');
    });

    it('reports an invalid search as "alarm statistics retrieval failed"', async () => {
      expect(await reason(resourcesQuery({ query: { '~~': { x: 1 } } }))).toBe('alarm statistics retrieval failed: Invalid input: Invalid search operator: ~~ (HTTP 400)');
    });

    it('reports a 503 as unavailable', async () => {
      stub.failNext({ status: 503, description: 'maintenance' });
      await expect(source.read(resourcesQuery())).rejects.toBeInstanceOf(MetricSourceUnavailableError);
    });
  });
});
