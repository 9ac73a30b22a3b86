import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, historyDetail, minimalRules, uniqueName, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const COLLEAGUE: Caller = { user: 'colleague-user', project: MEMBER.project, roles: 'member' };

const richAlarm = (): Json => ({
  name: uniqueName('rich'),
  type: 'prometheus',
  description: 'my description',
  enabled: false,
  severity: 'critical',
  repeat_actions: true,
  state: 'alarm',
  ok_actions: ['http://example.com/ok'],
  alarm_actions: ['https://example.com/alarm'],
  insufficient_data_actions: ['http://example.com/nodata'],
  time_constraints: [{ name: 'tc', start: '0 11 * * *', duration: 60 }],
  prometheus_rule: { query: 'up', threshold: 5, comparison_operator: 'gt' },
});

async function create(body: Json, as: Caller = MEMBER): Promise<Json> {
  const reply = await api.call('POST', '/v2/alarms', { as, body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as Json;
}

async function history(id: string, as: Caller = MEMBER): Promise<Json[]> {
  const reply = await api.call('GET', `/v2/alarms/${id}/history`, { as });
  expect(reply.status).toBe(200);
  return reply.body as Json[];
}

describe('PUT /v2/alarms/{id} is a full replacement (§6.7)', () => {
  it('resets every omitted attribute to its default', async () => {
    const before = await create(richAlarm());
    await sleep(5);
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { name: before.name, type: 'prometheus', prometheus_rule: before.prometheus_rule },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const after = reply.body as Json;
    expect(after).toMatchObject({
      alarm_id: id,
      name: before.name,
      description: 'prometheus alarm rule',
      enabled: true,
      severity: 'low',
      repeat_actions: false,
      ok_actions: [],
      alarm_actions: [],
      insufficient_data_actions: [],
      time_constraints: [],
      state: 'insufficient data',
      state_reason: 'Manually set via API',
      prometheus_rule: before.prometheus_rule,
      project_id: MEMBER.project,
      user_id: MEMBER.user,
    });
    expect(String(after.timestamp) > String(before.timestamp)).toBe(true);
    expect(String(after.state_timestamp) > String(before.state_timestamp)).toBe(true);
  });

  it('records a `rule change` row with only the changed attributes', async () => {
    const before = await create(richAlarm());
    const id = String(before.alarm_id);
    await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: before.name, type: 'prometheus', prometheus_rule: before.prometheus_rule } });
    const rows = await history(id);
    expect(rows.map((row) => row.type)).toEqual(['rule change', 'creation']);
    expect(rows[0]).toMatchObject({ alarm_id: id, user_id: MEMBER.user, project_id: MEMBER.project, on_behalf_of: MEMBER.project });
    expect(historyDetail(rows[0])).toEqual({
      description: 'prometheus alarm rule',
      enabled: true,
      severity: 'low',
      repeat_actions: false,
      ok_actions: [],
      alarm_actions: [],
      insufficient_data_actions: [],
      time_constraints: [],
      state: 'insufficient data',
      state_reason: 'Manually set via API',
    });
  });

  it('records `{"severity": ...}` alone when only the severity changes', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const { alarm_id: _a, timestamp: _t, state_timestamp: _s, ...resend } = before;
    const reply = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...resend, severity: 'moderate' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((reply.body as Json).state_reason).toBe('Not evaluated yet');
    expect((reply.body as Json).state_timestamp).toBe(before.state_timestamp);
    const rows = await history(id);
    expect(rows).toHaveLength(2);
    expect(historyDetail(rows[0])).toEqual({ severity: 'moderate' });
  });

  it('records the whole rule under `rule` when the rule changes', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const { timestamp: _t, state_timestamp: _s, ...resend } = before;
    const rule = { ...(before.prometheus_rule as Json), threshold: 1.5 };
    await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...resend, prometheus_rule: rule } });
    const rows = await history(id);
    expect(historyDetail(rows[0]).rule).toMatchObject(rule);
    expect(Object.keys(historyDetail(rows[0]))).toEqual(['rule']);
  });

  it('writes no row when nothing changed (the client sent the GET body back)', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: before });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(await history(id)).toHaveLength(1);
  });

  it('forces alarm_id to the path id and ignores a client state_reason', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { alarm_id: 'something-else', name: 'x', type: 'prometheus', prometheus_rule: minimalRules.prometheus, state: 'ok', state_reason: 'mine' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ alarm_id: id, state: 'ok', state_reason: 'Manually set via API' });
    expectError(await api.call('GET', '/v2/alarms/something-else', { as: MEMBER }), 404, 'Alarm something-else not found');
  });

  it('may change the type; only the new rule key is returned', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: 'now-event', type: 'event', event_rule: { event_type: 'x.*' } } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body as Json;
    expect(body.type).toBe('event');
    expect(body.event_rule).toEqual({ event_type: 'x.*', query: [] });
    expect(body).not.toHaveProperty('prometheus_rule');
    expect(body.description).toBe('Alarm when x.* event occurred.');
  });

  it('keeps name, type and rule mandatory', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    expectError(
      await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { type: 'prometheus', prometheus_rule: minimalRules.prometheus } }),
      400,
      "Invalid input for field/attribute name. Value: 'None'. Mandatory field missing.",
    );
    expectError(
      await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: 'n', prometheus_rule: minimalRules.prometheus } }),
      400,
      "Invalid input for field/attribute type. Value: 'None'. Mandatory field missing.",
    );
    expectError(
      await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name: 'n', type: 'prometheus' } }),
      400,
      'prometheus_rule must be set for prometheus type alarm',
    );
  });

  it('answers 404 for an unknown id', async () => {
    const reply = await api.call('PUT', '/v2/alarms/missing', { as: MEMBER, body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
    expectError(reply, 404, 'Alarm missing not found');
  });
});

describe('evaluate_timestamp on PUT (deliberate fix of §13.3)', () => {
  it('is kept when the body omits it', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const reply = await api.call('PUT', `/v2/alarms/${String(before.alarm_id)}`, {
      as: MEMBER,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus },
    });
    expect(reply.status).toBe(200);
    expect((reply.body as Json).evaluate_timestamp).toBe(before.evaluate_timestamp);
  });

  it('is stored and printed back as Aodh prints datetimes when the body sends it', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, evaluate_timestamp: '2030-01-02T03:04:05.250000' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((reply.body as Json).evaluate_timestamp).toBe('2030-01-02T03:04:05.250000');
  });

  it('prints a whole-second datetime without a fraction, as Python isoformat does (§1.1 `2015-01-01T12:00:00`)', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const reply = await api.call('PUT', `/v2/alarms/${id}`, {
      as: MEMBER,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, evaluate_timestamp: '2015-01-01T12:00:00' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((reply.body as Json).evaluate_timestamp).toBe('2015-01-01T12:00:00');
  });
});

describe('evaluate_timestamp precision', () => {
  it('keeps microseconds given by the client, as Aodh stores and prints them (§1.1 `2017-07-15T01:31:14.516188`)', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const reply = await api.call('PUT', `/v2/alarms/${String(before.alarm_id)}`, {
      as: MEMBER,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, evaluate_timestamp: '2017-07-15T01:31:14.516188' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((reply.body as Json).evaluate_timestamp).toBe('2017-07-15T01:31:14.516188');
  });
});

describe('ownership on PUT (§1.5)', () => {
  it('a non-admin editor becomes the owner user; body user/project are ignored', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const reply = await api.call('PUT', `/v2/alarms/${String(before.alarm_id)}`, {
      as: COLLEAGUE,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, user_id: 'someone', project_id: 'elsewhere' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ user_id: COLLEAGUE.user, project_id: MEMBER.project });
  });

  it('an admin keeps the stored owners unless the body names others', async () => {
    const before = await create({ name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus });
    const id = String(before.alarm_id);
    const kept = await api.call('PUT', `/v2/alarms/${id}`, { as: ADMIN, body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ user_id: MEMBER.user, project_id: MEMBER.project });
    const moved = await api.call('PUT', `/v2/alarms/${id}`, {
      as: ADMIN,
      body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, user_id: 'u2', project_id: 'p2' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ user_id: 'u2', project_id: 'p2' });
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
  });
});
