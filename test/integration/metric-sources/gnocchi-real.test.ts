import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import { GnocchiHttpSource } from '../../../shared/metric-sources/gnocchi/source.js';
import type { GnocchiQuery } from '../../../shared/metric-sources/gnocchi/query.js';
import { GNOCCHI_ADMIN_HEADERS } from '../../support/gnocchi.js';
import { type GnocchiAdmin, perMinute, sharedGnocchi } from '../../support/gnocchi-seed.js';
import { WINDOW } from './gnocchi-fixtures.js';

/**
 * GnocchiHttpSource against the real Gnocchi 4.4.2 (Debian), started once per run by the test
 * set-up. Every answer here is Gnocchi's own; the stub tests (gnocchi*.test.ts) keep the error
 * bodies this Gnocchi cannot be made to produce.
 */
describe('GnocchiHttpSource against the real Gnocchi 4.4', () => {
  let gnocchi: GnocchiAdmin;
  let source: GnocchiHttpSource;
  const group = `g-${randomUUID().slice(0, 8)}`;
  const vm1 = randomUUID();
  const vm2 = `vm-${randomUUID().slice(0, 8)}`; // not a UUID: Gnocchi maps it to one by its creator
  let m1 = '';
  let m2 = '';

  beforeAll(async () => {
    gnocchi = await sharedGnocchi();
    source = new GnocchiHttpSource({ baseUrl: gnocchi.url, authHeaders: GNOCCHI_ADMIN_HEADERS, timeoutMs: 10_000 });
    const policy = await gnocchi.archivePolicy(['mean', 'max']);
    await gnocchi.resourceType('instance', { server_group: { type: 'string', required: false } });
    m1 = (await gnocchi.resource('instance', vm1, { cpu_util: policy }, { server_group: group })).cpu_util ?? '';
    m2 = (await gnocchi.resource('instance', vm2, { cpu_util: policy }, { server_group: group })).cpu_util ?? '';
    await Promise.all([
      gnocchi.measures(m1, perMinute('2024-05-01T10:37:00', [10, 10, 10, 20, 30, 40, 50, 60])),
      gnocchi.measures(m2, perMinute('2024-05-01T10:37:00', [0, 0, 0, 0, 10, 20, 30, 40])),
    ]);
  }, 120_000);

  const values = async (query: GnocchiQuery) => (await source.read(query)).map((point) => point[2]);
  const reason = (query: GnocchiQuery) =>
    source.read(query).then(
      () => 'no error',
      (error: unknown) => (error instanceof InsufficientDataError ? error.message : error),
    );
  const resource = (overrides: Partial<Extract<GnocchiQuery, { kind: 'resource' }>> = {}): GnocchiQuery => ({
    kind: 'resource', metric: 'cpu_util', resourceId: vm1, resourceType: 'instance', aggregation: 'mean', ...WINDOW, ...overrides,
  });
  const metrics = (overrides: Partial<Extract<GnocchiQuery, { kind: 'metrics' }>> = {}): GnocchiQuery => ({ kind: 'metrics', metrics: [m1, m2], aggregation: 'mean', ...WINDOW, ...overrides });
  const resources = (overrides: Partial<Extract<GnocchiQuery, { kind: 'resources' }>> = {}): GnocchiQuery => ({
    kind: 'resources', metric: 'cpu_util', resourceType: 'instance', query: { '=': { server_group: group } }, aggregation: 'mean', ...WINDOW, ...overrides,
  });

  describe('gnocchi_resources_threshold', () => {
    it('returns the measures in the window, as Gnocchi sends them', async () => {
      const points = await source.read(resource());
      expect(points).toEqual(perMinute('2024-05-01T10:39:00', [10, 20, 30, 40, 50, 60]).map((m) => [`${m.timestamp}+00:00`, 60, m.value]));
    });

    it('finds a resource by the id it was created with, a UUID or not', async () => {
      expect(await values(resource({ resourceId: vm2 }))).toEqual([0, 0, 10, 20, 30, 40]);
    });

    // Aodh's client reads /v1/resource/generic/<id>/…: nova_server (Heat's name) is no Gnocchi type.
    it.each(['instance', 'generic', 'nova_server'])('reads the measures whatever the rule’s resource_type (%s)', async (resourceType) => {
      expect(await values(resource({ resourceType }))).toEqual([10, 20, 30, 40, 50, 60]);
    });

    it.each([
      ['the metric is missing', resource({ metric: 'memory' }), `metric memory for resource ${vm1} does not exists`],
      ['the resource is missing', resource({ resourceId: 'vm-nowhere' }), 'resource vm-nowhere does not exists'],
      ['the archive policy lacks the method (a dict description)', resource({ aggregation: 'min' }), `aggregation min does not exist for metric cpu_util of resource ${vm1}`],
      ['the archive policy lacks the granularity', resource({ granularity: 3600 }), `aggregation mean does not exist for metric cpu_util of resource ${vm1}`],
    ])('reports insufficient data with Aodh’s reason when %s', async (_, query, expected) => {
      expect(await reason(query)).toBe(expected);
    });

    it('reports missing credentials with Gnocchi’s 401', async () => {
      const anonymous = new GnocchiHttpSource({ baseUrl: gnocchi.url });
      expect(await anonymous.read(resource()).catch((error: unknown) => (error as Error).message)).toMatch(/^alarm statistics retrieval failed: .* \(HTTP 401\)$/);
    });
  });

  describe('gnocchi_aggregation_by_metrics_threshold', () => {
    it('aggregates several metrics in the operation form Gnocchi 4.4 accepts', async () => {
      expect(await values(metrics())).toEqual([5, 10, 20, 30, 40, 50]);
    });

    it('aggregates a single metric', async () => {
      expect(await values(metrics({ metrics: [m2] }))).toEqual([0, 0, 10, 20, 30, 40]);
    });

    it('takes a rate: aggregation over the metrics’ own one', async () => {
      expect(await values(metrics({ aggregation: 'rate:mean' }))).toEqual([5, 10, 10, 10, 10]);
    });

    it('reports an unknown metric id as a missing aggregation (Gnocchi 4.4’s 404 description is a dict)', async () => {
      const unknown = randomUUID();
      expect(await reason(metrics({ metrics: [m1, unknown] }))).toBe(`aggregation mean does not exist for at least one metrics in ['${m1}', '${unknown}']`);
    });

    it('reports an aggregation missing from the archive policy', async () => {
      expect(await reason(metrics({ aggregation: 'min' }))).toBe(`aggregation min does not exist for at least one metrics in ['${m1}', '${m2}']`);
    });
  });

  describe('gnocchi_aggregation_by_resources_threshold', () => {
    it('aggregates the metric across the resources the search finds', async () => {
      expect(await values(resources())).toEqual([5, 10, 20, 30, 40, 50]);
      expect(await values(resources({ query: { and: [{ '=': { server_group: group } }, { '=': { id: vm1 } }] } }))).toEqual([10, 20, 30, 40, 50, 60]);
    });

    it('reports a metric no matching resource has as Gnocchi 4.4 answers it (a 400 "Metrics not found")', async () => {
      expect(await reason(resources({ metric: 'memory' }))).toBe("alarm statistics retrieval failed: {'cause': 'Metrics not found', 'detail': ['memory']} (HTTP 400)");
      expect(await reason(resources({ query: { '=': { server_group: 'nobody' } } }))).toBe("alarm statistics retrieval failed: {'cause': 'Metrics not found', 'detail': ['cpu_util']} (HTTP 400)");
    });

    it('reports an aggregation missing from the archive policy', async () => {
      expect(await reason(resources({ aggregation: 'min' }))).toBe('aggregation min does not exist for at least one metric of the query');
    });

    it('reports an unknown resource type', async () => {
      expect(await reason(resources({ resourceType: 'nova_server' }))).toBe("alarm statistics retrieval failed: {'cause': 'Resource type does not exist', 'detail': 'nova_server'} (HTTP 400)");
    });

    it('reports a search Gnocchi fails on (its 500) as unavailable, leaving the state alone', async () => {
      await expect(source.read(resources({ query: { '~=': { server_group: group } } }))).rejects.toBeInstanceOf(MetricSourceUnavailableError);
    });
  });
});
