import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { ALARM_KEYS, alarmOf, expectError, ISO_NAIVE, UUID, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const TYPE = 'cloudwatch_threshold';
const minimal = { namespace: 'MyApp/Web', metric_name: 'CPUUtilization', threshold: 80 };
const post = (rule: unknown, extra: Json = {}) => api.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf(TYPE, rule, extra) });
const invalid = (field: string, value: string, why: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. ${why}`;

describe('cloudwatch_threshold alarms', () => {
  it('POST 201 with defaults filled in; GET, PUT, DELETE round-trip', async () => {
    const reply = await post(minimal, { name: 'cw' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const body = reply.body as Json;
    expect(Object.keys(body).sort()).toEqual([...ALARM_KEYS, `${TYPE}_rule`].sort());
    expect(body).toEqual({
      alarm_id: expect.stringMatching(UUID),
      name: 'cw',
      description: 'cloudwatch_threshold alarm rule',
      enabled: true,
      state: 'insufficient data',
      state_reason: 'Not evaluated yet',
      severity: 'low',
      repeat_actions: false,
      ok_actions: [],
      alarm_actions: [],
      insufficient_data_actions: [],
      time_constraints: [],
      type: TYPE,
      cloudwatch_threshold_rule: {
        namespace: 'MyApp/Web', metric_name: 'CPUUtilization', threshold: 80,
        dimensions: [], statistic: 'Average', period: 60, evaluation_periods: 1, comparison_operator: 'eq',
      },
      project_id: MEMBER.project,
      user_id: MEMBER.user,
      timestamp: expect.stringMatching(ISO_NAIVE),
      state_timestamp: expect.stringMatching(ISO_NAIVE),
      evaluate_timestamp: expect.stringMatching(ISO_NAIVE),
    });
    expect(new URL(reply.headers.get('location') ?? '').pathname).toBe(`/v2/alarms/${String(body.alarm_id)}`);
    const id = String(body.alarm_id);
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(body);

    const rule = { ...minimal, dimensions: [{ name: 'InstanceId', value: 'i-0123' }], statistic: 'p99.9', period: 300, evaluation_periods: 3, comparison_operator: 'gt' };
    const put = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: 'cw', type: TYPE, cloudwatch_threshold_rule: rule } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((put.body as Json).cloudwatch_threshold_rule).toEqual(rule);
    const history = (await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body as Json[];
    expect(history.map((row) => row.type)).toEqual(['rule change', 'creation']);
    // The detail is the stored rule, as Aodh's; it carries the scoping project like a prometheus rule's.
    expect(JSON.parse(String(history[0]?.detail))).toEqual({ rule: { ...rule, scope_to_project: MEMBER.project } });

    expect((await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER })).status).toBe(204);
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
    expectError(await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER }), 404, `Alarm ${id} not found`);
  });

  it('may be a composite leaf', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: alarmOf('composite', { or: [{ type: TYPE, ...minimal }, { type: 'prometheus', query: 'up', threshold: 1 }] }),
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(((reply.body as Json).composite_rule as { or: Json[] }).or[0]).toEqual({
      type: TYPE, ...minimal, dimensions: [], statistic: 'Average', period: 60, evaluation_periods: 1, comparison_operator: 'eq',
    });
  });

  it('validates its fields', async () => {
    expectError(await post({ metric_name: 'm', threshold: 1 }), 400, invalid('namespace', 'None', 'Mandatory field missing.'));
    expectError(await post({ ...minimal, period: 45 }), 400, invalid('period', '45', 'Value should be 10, 30 or a multiple of 60'));
    expectError(await post({ ...minimal, period: 5 }), 400, invalid('period', '5', 'Value should be greater or equal to 10'));
    expectError(await post({ ...minimal, evaluation_periods: 0 }), 400, invalid('evaluation_periods', '0', 'Value should be greater or equal to 1'));
    expectError(await post({ ...minimal, statistic: 'Median' }), 400, /^Invalid input for field\/attribute statistic\. Value: 'Median'\. /);
    expectError(await post({ ...minimal, dimensions: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }), 400, /Dimension names must be unique/);
    expectError(await post({ ...minimal, dimensions: [{ name: 'a' }] }), 400, invalid('value', 'None', 'Mandatory field missing.'));
    expectError(await post({ ...minimal, colour: 'red' }), 400, /colour/);
  });
});

describe('cloudwatch_threshold tenancy: a project reads only its own metrics', () => {
  const stored = async (id: string) => (await api.store.getAlarm(id))?.rule;

  it("refuses a member's alarm on an AWS service namespace, naming it (403)", async () => {
    expectError(await post({ ...minimal, namespace: 'AWS/Lambda', metric_name: 'Errors' }), 403, 'CloudWatch namespace AWS/Lambda is not available to project alarms');
  });

  it("refuses a member's alarm naming another project's dimension value (403)", async () => {
    const reply = await post({ ...minimal, dimensions: [{ name: 'project_id', value: 'someone-else' }] });
    expectError(reply, 403, `CloudWatch dimension project_id of a project alarm must be its project ${MEMBER.project}`);
  });

  it("stores a member's alarm scoped to its project, never shown by the API", async () => {
    const reply = await post(minimal);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const id = String((reply.body as Json).alarm_id);
    expect((reply.body as Json).cloudwatch_threshold_rule).not.toHaveProperty('scope_to_project');
    expect(await stored(id)).toMatchObject({ scope_to_project: MEMBER.project });
  });

  it('ignores a scope_to_project the client sends', async () => {
    const reply = await post({ ...minimal, scope_to_project: 'someone-else' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(await stored(String((reply.body as Json).alarm_id))).toMatchObject({ scope_to_project: MEMBER.project });
  });

  it("leaves an admin's own alarm unscoped, on any namespace", async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: ADMIN, body: alarmOf(TYPE, { ...minimal, namespace: 'AWS/Lambda', metric_name: 'Errors' }) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(await stored(String((reply.body as Json).alarm_id))).toMatchObject({ scope_to_project: null });
  });

  it('scopes composite leaves the same way', async () => {
    const body = alarmOf('composite', { or: [{ type: TYPE, ...minimal, namespace: 'AWS/EC2' }, { type: 'prometheus', query: 'up', threshold: 1 }] });
    expectError(await api.call('POST', '/v2/alarms', { as: MEMBER, body }), 403, 'CloudWatch namespace AWS/EC2 is not available to project alarms');
  });
});

describe('cloudwatch_threshold tenancy settings', () => {
  let listed: TestApi;
  beforeAll(async () => {
    listed = await startTestApi({ CLOUDWATCH_TENANT_NAMESPACES: 'MyApp/*,Billing', CLOUDWATCH_PROJECT_DIMENSION: 'tenant' });
  });
  afterAll(async () => {
    await listed?.stop();
  });
  const create = (rule: Json) => listed.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf(TYPE, rule) });

  it('lets project alarms name only the namespaces the operator lists', async () => {
    expect((await create(minimal)).status).toBe(201);
    expect((await create({ ...minimal, namespace: 'Billing' })).status).toBe(201);
    expectError(await create({ ...minimal, namespace: 'Other/App' }), 403, 'CloudWatch namespace Other/App is not available to project alarms');
  });

  it("checks the operator's project dimension", async () => {
    expectError(await create({ ...minimal, dimensions: [{ name: 'tenant', value: 'p9' }] }), 403, `CloudWatch dimension tenant of a project alarm must be its project ${MEMBER.project}`);
    expect((await create({ ...minimal, dimensions: [{ name: 'project_id', value: 'p9' }] })).status).toBe(201);
  });
});
