import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiOnGnocchi, startApiOnGnocchi } from '../../support/gnocchi-api.js';
import { sharedGnocchi } from '../../support/gnocchi-seed.js';

/**
 * The API's gnocchi checks at create (§2.1.1 aggregation methods, §2.4 trial aggregation)
 * against the real Gnocchi 4.4.2: the real handler, Gnocchi's own answers.
 */
describe('POST /v2/alarms validated against the real Gnocchi 4.4', () => {
  let api: ApiOnGnocchi;
  const group = `g-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const gnocchi = await sharedGnocchi();
    api = await startApiOnGnocchi(gnocchi.url);
    const policy = await gnocchi.archivePolicy(['mean']);
    await gnocchi.resourceType('instance', { server_group: { type: 'string', required: false } });
    await gnocchi.resource('instance', randomUUID(), { cpu_util: policy }, { server_group: group });
  }, 120_000);
  afterAll(async () => api?.stop());

  const byResources = (rule: Record<string, unknown>) => ({
    name: `by-resources-${randomUUID().slice(0, 8)}`,
    type: 'gnocchi_aggregation_by_resources_threshold',
    gnocchi_aggregation_by_resources_threshold_rule: { metric: 'cpu_util', resource_type: 'instance', query: JSON.stringify({ '=': { server_group: group } }), aggregation_method: 'mean', threshold: 50, ...rule },
  });
  const errorOf = (reply: { body: unknown }) => (reply.body as { error_message: { faultcode: string; faultstring: unknown; debuginfo: unknown } }).error_message;

  it('accepts a search that finds resources with the metric', async () => {
    const reply = await api.createAlarm(byResources({}));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });

  it.each([
    ['a metric no resource has (Gnocchi’s 400 "Metrics not found")', { metric: 'memory' }],
    ['a search that finds nothing', { query: JSON.stringify({ '=': { server_group: 'nobody' } }) }],
    ['every operator of Gnocchi’s search grammar', { query: JSON.stringify({ or: [{ not: { like: { server_group: 'x%' } } }, { '∧': [{ in: { server_group: [group] } }, { '≠': { server_group: 'y' } }, { '>=': { started_at: '2024-01-01' } }] }] }) }],
  ])('accepts %s', async (_, rule) => {
    const reply = await api.createAlarm(byResources(rule));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });

  it('refuses an aggregation method Gnocchi does not advertise, listing Gnocchi’s own', async () => {
    const reply = await api.createAlarm(byResources({ aggregation_method: 'nope' }));
    expect(reply.status).toBe(400);
    expect(errorOf(reply).faultstring).toMatch(/^aggregation_method should be in \['.*', 'rate:mean', .*\] not nope$/);
  });

  it('passes Gnocchi’s error object through as the faultstring for an unknown resource type, as Aodh does', async () => {
    const reply = await api.createAlarm(byResources({ resource_type: 'nova_server' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error_message: { faultcode: 'Client', faultstring: { cause: 'Resource type does not exist', detail: 'nova_server' }, debuginfo: null } });
  });

  it('passes a text description through as text', async () => {
    const reply = await api.createAlarm(byResources({ query: JSON.stringify({ '=': { nosuch: 'x' } }) }));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toEqual({ faultcode: 'Client', faultstring: 'Resource type instance has no nosuch attribute', debuginfo: null });
  });

  // Gnocchi answers an unknown operator with a 500 (and Aodh with a 500 whose faultcode is Client).
  it.each([
    ['at the top', { '~=': { server_group: group } }],
    ['nested', { and: [{ '=': { server_group: group } }, { not: { '~=': { server_group: group } } }] }],
  ])('refuses an unknown search operator %s with a 400 in Aodh’s envelope', async (_, query) => {
    const text = JSON.stringify(query);
    const reply = await api.createAlarm(byResources({ query: text }));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toEqual({ faultcode: 'Client', faultstring: `Invalid input for field/attribute rule/query. Value: '${text}'. Unknown search operator: ~=`, debuginfo: null });
  });

  it('accepts a gnocchi_resources_threshold alarm on a type Gnocchi knows only by another name', async () => {
    const reply = await api.createAlarm({
      name: 'heat server',
      type: 'gnocchi_resources_threshold',
      gnocchi_resources_threshold_rule: { metric: 'cpu_util', resource_id: randomUUID(), resource_type: 'nova_server', aggregation_method: 'mean', threshold: 80 },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });
});
