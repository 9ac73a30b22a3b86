import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, READER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, historyDetail, minimalRules, uniqueName, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

async function createAlarm(extra: Json = {}): Promise<Json> {
  const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: { name: uniqueName(), type: 'prometheus', prometheus_rule: minimalRules.prometheus, ...extra } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as Json;
}

async function rawFetch(method: string, path: string, body?: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'x-user-id': MEMBER.user, 'x-project-id': MEMBER.project, 'x-roles': MEMBER.roles, 'content-type': 'application/json' },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('state sub-resource (§6.8)', () => {
  it('GET answers the state as a bare JSON string', async () => {
    const alarm = await createAlarm();
    const reply = await rawFetch('GET', `/v2/alarms/${String(alarm.alarm_id)}/state`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('"insufficient data"');
    expect(reply.type).toMatch(/^application\/json/);
  });

  it('PUT takes and answers a bare JSON string, sets reason and state_timestamp, not timestamp', async () => {
    const alarm = await createAlarm();
    const id = String(alarm.alarm_id);
    await sleep(5);
    const reply = await rawFetch('PUT', `/v2/alarms/${id}/state`, '"alarm"');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('"alarm"');
    const after = (await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body as Json;
    expect(after.state).toBe('alarm');
    expect(after.state_reason).toBe('Manually set via API');
    expect(String(after.state_timestamp) > String(alarm.state_timestamp)).toBe(true);
    expect(after.timestamp).toBe(alarm.timestamp);
    expect((await api.call('GET', `/v2/alarms/${id}/state`, { as: MEMBER })).body).toBe('alarm');
  });

  it('records a `state transition` row every time, even when the state is unchanged', async () => {
    const alarm = await createAlarm();
    const id = String(alarm.alarm_id);
    for (const state of ['ok', 'ok', 'insufficient data']) {
      const reply = await api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: state });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(state);
      await sleep(3);
    }
    const rows = (await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body as Json[];
    expect(rows.map((row) => row.type)).toEqual(['state transition', 'state transition', 'state transition', 'creation']);
    expect(rows.map((row) => historyDetail(row))).toEqual([
      { state: 'insufficient data', state_reason: 'Manually set via API' },
      { state: 'ok', state_reason: 'Manually set via API' },
      { state: 'ok', state_reason: 'Manually set via API' },
      expect.objectContaining({ state: 'insufficient data' }),
    ]);
    for (const row of rows) expect(row).not.toHaveProperty('severity');
  });

  it.each([
    ['an unknown state', '"bogus"'],
    ['insufficient_data with an underscore', '"insufficient_data"'],
    ['an object', '{"state": "ok"}'],
    ['a number', '1'],
    ['null', 'null'],
    ['an empty body', ''],
  ])('PUT rejects %s with 400', async (_label, body) => {
    const alarm = await createAlarm();
    const reply = await api.call('PUT', `/v2/alarms/${String(alarm.alarm_id)}/state`, { as: MEMBER, rawBody: body, headers: { 'content-type': 'application/json' } });
    expectError(reply, 400);
  });

  it('is 404 for an unknown alarm', async () => {
    expectError(await api.call('GET', '/v2/alarms/nope/state', { as: MEMBER }), 404, 'Alarm nope not found');
    expectError(await api.call('PUT', '/v2/alarms/nope/state', { as: MEMBER, body: 'ok' }), 404, 'Alarm nope not found');
  });
});

describe('GET /v2/alarms/{id}/history filters and order (§6.10)', () => {
  let id: string;
  let all: Json[];

  beforeAll(async () => {
    const alarm = await createAlarm();
    id = String(alarm.alarm_id);
    for (const state of ['ok', 'alarm']) {
      await sleep(5);
      expect((await api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: state })).status).toBe(200);
    }
    await sleep(5);
    // An admin acting on the member's alarm: visible to the member through on_behalf_of.
    expect((await api.call('PUT', `/v2/alarms/${id}/state`, { as: ADMIN, body: 'ok' })).status).toBe(200);
    await sleep(5);
    const { timestamp: _t, state_timestamp: _s, ...resend } = (await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body as Json;
    expect((await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...resend, severity: 'critical' } })).status).toBe(200);
    all = (await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body as Json[];
  });

  const get = (query: string, as = MEMBER) => api.call('GET', `/v2/alarms/${id}/history?${query}`, { as });
  const types = (reply: { body: unknown }) => (reply.body as Json[]).map((row) => row.type);

  it('is newest first by default and shows rows on behalf of the project, whoever made them', () => {
    expect(all.map((row) => row.type)).toEqual(['rule change', 'state transition', 'state transition', 'state transition', 'creation']);
    const stamps = all.map((row) => String(row.timestamp));
    expect([...stamps].sort().reverse()).toEqual(stamps);
    expect(all[1]).toMatchObject({ user_id: ADMIN.user, project_id: ADMIN.project, on_behalf_of: MEMBER.project });
  });

  it('sorts ascending on request', async () => {
    const reply = await get('sort=timestamp:asc');
    expect(reply.status).toBe(200);
    expect((reply.body as Json[]).map((row) => row.event_id)).toEqual([...all].reverse().map((row) => row.event_id));
  });

  it('filters by change type', async () => {
    expect(types(await get('q.field=type&q.op=eq&q.value=state%20transition'))).toEqual(['state transition', 'state transition', 'state transition']);
    expect(types(await get('q.field=type&q.value=creation'))).toEqual(['creation']);
  });

  it('filters by user / user_id and project / project_id', async () => {
    expect(types(await get(`q.field=user&q.value=${ADMIN.user}`, ADMIN))).toEqual(['state transition']);
    expect(types(await get(`q.field=user_id&q.value=${MEMBER.user}`))).toHaveLength(4);
    expect(types(await get(`q.field=project&q.value=${MEMBER.project}`))).toHaveLength(4);
    expect(types(await get(`q.field=project_id&q.value=${ADMIN.project}`, ADMIN))).toEqual(['state transition']);
  });

  it('filters by severity (stored, never returned)', async () => {
    expect(types(await get('q.field=severity&q.value=critical'))).toEqual(['rule change']);
    expect(types(await get('q.field=severity&q.value=low'))).toHaveLength(4);
  });

  it('filters by a timestamp range', async () => {
    const creation = all[4] as Json;
    const newest = all[0] as Json;
    expect(types(await get(`q.field=timestamp&q.op=gt&q.value=${String(creation.timestamp)}`))).toHaveLength(4);
    expect(types(await get(`q.field=timestamp&q.op=ge&q.value=${String(creation.timestamp)}&q.field=timestamp&q.op=lt&q.value=${String(newest.timestamp)}`))).toEqual([
      'state transition', 'state transition', 'state transition', 'creation',
    ]);
    expect(types(await get(`q.field=timestamp&q.op=le&q.value=${String(creation.timestamp)}`))).toEqual(['creation']);
  });

  it('widens the timestamp bounds by search_offset minutes', async () => {
    const future = new Date(Date.now() + 30 * 60_000).toISOString().slice(0, 19);
    expect(types(await get(`q.field=timestamp&q.op=ge&q.value=${future}`))).toEqual([]);
    expect(types(await get(`q.field=timestamp&q.op=ge&q.value=${future}&q.field=search_offset&q.value=60`))).toHaveLength(5);
  });

  it('rejects search_offset without a timestamp bound', async () => {
    expectError(await get('q.field=search_offset&q.value=10'), 400, /search_offset cannot be used without timestamp$/);
  });

  it('rejects an operator other than eq on a non-timestamp field', async () => {
    expectError(await get('q.field=type&q.op=gt&q.value=creation'), 400, "Invalid input for field/attribute op. Value: 'gt'. unimplemented operator for type");
  });

  it('rejects unknown fields with the storage error text', async () => {
    expectError(
      await get('q.field=alarm_id&q.value=x'),
      400,
      `Unknown argument: "alarm_id": unrecognized field in query: [<Query 'alarm_id' eq 'x' Unset>], valid keys: ['project', 'search_offset', 'severity', 'timestamp', 'type', 'user']`,
    );
    expectError(await get('q.field=on_behalf_of&q.value=x'), 400, /^Unknown argument: "on_behalf_of": unrecognized field in query/);
  });

  it('is 401 for a non-admin filtering on another project', async () => {
    expectError(await get('q.field=project&q.value=project-b'), 401, 'Not Authorized to access project project-b');
    expectError(await get('q.field=project_id&q.value=project-b', READER), 401, 'Not Authorized to access project project-b');
    expect((await get('q.field=project&q.value=project-b', ADMIN)).status).toBe(200);
  });

  it('pages with limit and marker, every row exactly once', async () => {
    const seen: unknown[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const reply = await get(`limit=2${marker ? `&marker=${marker}` : ''}`);
      expect(reply.status).toBe(200);
      const rows = reply.body as Json[];
      expect(rows.length).toBeLessThanOrEqual(2);
      if (rows.length === 0) break;
      seen.push(...rows.map((row) => row.event_id));
      marker = String(rows[rows.length - 1]?.event_id);
    }
    expect(seen).toEqual(all.map((row) => row.event_id));
  });

  it('rejects an unknown marker with 400 and a non-positive limit', async () => {
    expectError(await get('marker=not-an-event'), 400, 'Marker not-an-event not found.');
    expectError(await get('limit=0'), 400, "Invalid input for field/attribute limit. Value: '0'. it should be a positive integer.");
  });

  it('sorts by the history sort keys and rejects others', async () => {
    const reply = await get('sort=type:asc&sort=timestamp:desc');
    expect(reply.status).toBe(200);
    expect(types(reply)).toEqual(['creation', 'rule change', 'state transition', 'state transition', 'state transition']);
    expectError(await get('sort=name'), 400, /^Invalid input for field\/attribute sort\. Value: 'name'\./);
  });
});
