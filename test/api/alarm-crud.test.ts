import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { ALARM_KEYS, alarmOf, expectError, historyDetail, ISO_NAIVE, minimalRules, UUID, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const THRESHOLD_DEFAULTS = { comparison_operator: 'eq', evaluation_periods: 1, granularity: 60 };

/** The four threshold-family types: the rule a client sends and the rule Aodh returns (§2). */
const cases: Array<{ type: string; sent: Json; stored: (caller: typeof MEMBER) => Json }> = [
  {
    type: 'prometheus',
    sent: { ...minimalRules.prometheus },
    stored: () => ({ query: 'avg(cpu_util)', threshold: 80, comparison_operator: 'eq' }),
  },
  {
    type: 'gnocchi_resources_threshold',
    sent: { ...minimalRules.gnocchi_resources_threshold },
    // §6.6 example, verbatim.
    stored: () => ({
      metric: 'cpu', resource_id: 'r1', resource_type: 'instance', aggregation_method: 'mean', threshold: 80,
      comparison_operator: 'eq', evaluation_periods: 1, granularity: 60,
    }),
  },
  {
    type: 'gnocchi_aggregation_by_metrics_threshold',
    sent: { ...minimalRules.gnocchi_aggregation_by_metrics_threshold },
    stored: () => ({ ...minimalRules.gnocchi_aggregation_by_metrics_threshold, ...THRESHOLD_DEFAULTS }),
  },
  {
    type: 'gnocchi_aggregation_by_resources_threshold',
    sent: { ...minimalRules.gnocchi_aggregation_by_resources_threshold },
    // A non-admin's query is scoped to their project (§2.4 step 2); compared parsed below.
    stored: (caller) => ({
      ...minimalRules.gnocchi_aggregation_by_resources_threshold,
      ...THRESHOLD_DEFAULTS,
      query: { and: [{ '=': { created_by_project_id: caller.project } }, { '=': { server_group: 'sg1' } }] },
    }),
  },
];

function normaliseRuleQuery(body: Json, type: string): Json {
  const rule = body[`${type}_rule`] as Json | undefined;
  if (type !== 'gnocchi_aggregation_by_resources_threshold' || !rule || typeof rule.query !== 'string') return body;
  return { ...body, [`${type}_rule`]: { ...rule, query: JSON.parse(rule.query) } };
}

describe.each(cases)('CRUD of a $type alarm', ({ type, sent, stored }) => {
  let created: Json;
  let location: string | null;

  beforeAll(async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf(type, sent, { name: `crud-${type}` }) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    created = reply.body as Json;
    location = reply.headers.get('location');
  });

  it('POST answers 201 with the full alarm, defaults filled in (§6.6)', () => {
    expect(Object.keys(created).sort()).toEqual([...ALARM_KEYS, `${type}_rule`].sort());
    expect(normaliseRuleQuery(created, type)).toEqual({
      alarm_id: expect.stringMatching(UUID),
      name: `crud-${type}`,
      description: `${type} alarm rule`,
      enabled: true,
      state: 'insufficient data',
      state_reason: 'Not evaluated yet',
      severity: 'low',
      repeat_actions: false,
      ok_actions: [],
      alarm_actions: [],
      insufficient_data_actions: [],
      time_constraints: [],
      type,
      [`${type}_rule`]: stored(MEMBER),
      project_id: MEMBER.project,
      user_id: MEMBER.user,
      timestamp: expect.stringMatching(ISO_NAIVE),
      state_timestamp: expect.stringMatching(ISO_NAIVE),
      evaluate_timestamp: expect.stringMatching(ISO_NAIVE),
    });
    expect(created.state_timestamp).toBe(created.timestamp);
  });

  it('POST sets Location to the new alarm', () => {
    expect(location).not.toBeNull();
    const url = new URL(location ?? '');
    expect(url.host).toBe(new URL(api.url).host);
    expect(url.pathname).toBe(`/v2/alarms/${String(created.alarm_id)}`);
  });

  it('GET returns the same alarm', async () => {
    const reply = await api.call('GET', `/v2/alarms/${String(created.alarm_id)}`, { as: MEMBER });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(created);
  });

  it('writes a `creation` history row holding the full alarm with the rule under `rule`', async () => {
    const reply = await api.call('GET', `/v2/alarms/${String(created.alarm_id)}/history`, { as: MEMBER });
    expect(reply.status).toBe(200);
    const rows = reply.body as Json[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      event_id: expect.stringMatching(UUID),
      alarm_id: created.alarm_id,
      type: 'creation',
      detail: expect.any(String),
      user_id: MEMBER.user,
      project_id: MEMBER.project,
      on_behalf_of: MEMBER.project,
      timestamp: created.timestamp,
    });
    const detail = historyDetail(rows[0]);
    expect(Object.keys(detail).sort()).toEqual(
      [
        'alarm_id', 'type', 'enabled', 'name', 'description', 'timestamp', 'user_id', 'project_id', 'state',
        'state_timestamp', 'state_reason', 'ok_actions', 'alarm_actions', 'insufficient_data_actions',
        'repeat_actions', 'rule', 'time_constraints', 'severity',
      ].sort(),
    );
    const { [`${type}_rule`]: rule, evaluate_timestamp: _evaluate, ...rest } = created;
    expect(detail).toMatchObject(rest);
    expect(detail.rule).toMatchObject(rule as Json);
  });

  it('PUT replaces the rule and the alarm, 200 with the new alarm', async () => {
    const id = String(created.alarm_id);
    const rule = { ...(created[`${type}_rule`] as Json), threshold: 99, comparison_operator: 'ge' };
    const reply = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: 'renamed', type, [`${type}_rule`]: rule } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body as Json;
    expect(body.alarm_id).toBe(id);
    expect(body.name).toBe('renamed');
    expect((body[`${type}_rule`] as Json).threshold).toBe(99);
    expect((body[`${type}_rule`] as Json).comparison_operator).toBe('ge');
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(body);
  });

  it('DELETE answers 204 with no body; the alarm and its history are then 404', async () => {
    const id = String(created.alarm_id);
    const reply = await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
    expectError(await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER }), 404, `Alarm ${id} not found`);
    expectError(await api.call('GET', `/v2/alarms/${id}/state`, { as: MEMBER }), 404, `Alarm ${id} not found`);
    expectError(await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: ADMIN }), 404, `Alarm ${id} not found`);
  });
});

describe('gnocchi_aggregation_by_resources_threshold query scoping (§2.4, §7)', () => {
  const type = 'gnocchi_aggregation_by_resources_threshold';
  const original = { '=': { server_group: 'sg1' } };
  const queryOf = (body: unknown) => JSON.parse(((body as Json)[`${type}_rule`] as Json).query as string) as unknown;

  it('is left alone for an admin acting in their own project', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: ADMIN, body: alarmOf(type, minimalRules[type]) });
    expect(reply.status).toBe(201);
    expect(queryOf(reply.body)).toEqual(original);
  });

  it('is scoped to the target project when an admin creates for another project', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: ADMIN,
      body: alarmOf(type, minimalRules[type], { project_id: 'project-z', user_id: 'user-z' }),
    });
    expect(reply.status).toBe(201);
    expect(queryOf(reply.body)).toEqual({ and: [{ '=': { created_by_project_id: 'project-z' } }, original] });
  });

  it('rejects a query that is not JSON', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: alarmOf(type, { ...minimalRules[type], query: 'not json' }),
    });
    expectError(reply, 400, "Invalid input for field/attribute rule/query. Value: 'not json'. ");
  });
});

describe('ownership on POST (§1.5)', () => {
  it('an admin may create for any user and project', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: ADMIN,
      body: alarmOf('prometheus', minimalRules.prometheus, { user_id: 'someone', project_id: 'elsewhere' }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ user_id: 'someone', project_id: 'elsewhere' });
  });

  it('a non-admin naming themselves is accepted', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: alarmOf('prometheus', minimalRules.prometheus, { user_id: MEMBER.user, project_id: MEMBER.project }),
    });
    expect(reply.status).toBe(201);
  });

  it('a non-admin naming another user is 401, user checked first', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: alarmOf('prometheus', minimalRules.prometheus, { user_id: 'someone', project_id: 'elsewhere' }),
    });
    expectError(reply, 401, 'Not Authorized to access user someone');
  });

  it('a non-admin naming another project is 401', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: alarmOf('prometheus', minimalRules.prometheus, { project_id: 'elsewhere' }),
    });
    expectError(reply, 401, 'Not Authorized to access project elsewhere');
  });
});
