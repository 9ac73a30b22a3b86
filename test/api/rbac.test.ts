import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, OTHER, READER, startTestApi, type ApiReply, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, minimalRules, RBAC_FAILED, uniqueName, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const NOBODY: Caller = { user: 'nobody', project: MEMBER.project, roles: '' };
const CALLERS: Array<[string, Caller | null]> = [
  ['admin', ADMIN],
  ['member of the owner project', MEMBER],
  ['reader of the owner project', READER],
  ['member of another project', OTHER],
  ['no identity', null],
];

const body = (extra: Json = {}): Json => ({ name: uniqueName('rbac'), type: 'prometheus', prometheus_rule: minimalRules.prometheus, ...extra });

/** A fresh alarm owned by MEMBER's project. */
async function ownedAlarm(): Promise<string> {
  const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: body() });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String((reply.body as Json).alarm_id);
}

type Row = {
  endpoint: string;
  call: (as: Caller | null, id: string) => Promise<ApiReply>;
  expected: [number, number, number, number, number];
  /** The 403 faultstring when it is not the RBAC one. */
  forbidden?: string;
};

const rows: Row[] = [
  { endpoint: 'GET /v2/alarms', call: (as) => api.call('GET', '/v2/alarms', { as }), expected: [200, 200, 200, 200, 401] },
  { endpoint: 'GET /v2/alarms?all_projects', call: (as) => api.call('GET', '/v2/alarms?q.field=all_projects&q.value=true', { as }), expected: [200, 403, 403, 403, 401] },
  { endpoint: 'POST /v2/alarms', call: (as) => api.call('POST', '/v2/alarms', { as, body: body() }), expected: [201, 201, 403, 201, 401] },
  { endpoint: 'GET /v2/alarms/{id}', call: (as, id) => api.call('GET', `/v2/alarms/${id}`, { as }), expected: [200, 200, 200, 404, 401] },
  { endpoint: 'PUT /v2/alarms/{id}', call: (as, id) => api.call('PUT', `/v2/alarms/${id}`, { as, body: body() }), expected: [200, 200, 403, 404, 401] },
  { endpoint: 'DELETE /v2/alarms/{id}', call: (as, id) => api.call('DELETE', `/v2/alarms/${id}`, { as }), expected: [204, 204, 403, 404, 401] },
  { endpoint: 'GET /v2/alarms/{id}/state', call: (as, id) => api.call('GET', `/v2/alarms/${id}/state`, { as }), expected: [200, 200, 200, 404, 401] },
  { endpoint: 'PUT /v2/alarms/{id}/state', call: (as, id) => api.call('PUT', `/v2/alarms/${id}/state`, { as, body: 'alarm' }), expected: [200, 200, 403, 404, 401] },
  { endpoint: 'GET /v2/alarms/{id}/history', call: (as, id) => api.call('GET', `/v2/alarms/${id}/history`, { as }), expected: [200, 200, 200, 404, 401] },
  { endpoint: 'POST /v2/query/alarms', call: (as) => api.call('POST', '/v2/query/alarms', { as, body: {} }), expected: [200, 200, 200, 200, 401] },
  { endpoint: 'POST /v2/query/alarms/history', call: (as) => api.call('POST', '/v2/query/alarms/history', { as, body: {} }), expected: [200, 200, 200, 200, 401] },
  { endpoint: 'GET /v2/capabilities', call: (as) => api.call('GET', '/v2/capabilities', { as }), expected: [200, 200, 200, 200, 401] },
  { endpoint: 'GET /v2/quotas', call: (as) => api.call('GET', '/v2/quotas', { as }), expected: [200, 200, 200, 200, 401] },
  { endpoint: 'GET /v2/quotas?project_id=owner', call: (as) => api.call('GET', `/v2/quotas?project_id=${MEMBER.project}`, { as }), expected: [200, 200, 200, 403, 401] },
  {
    endpoint: 'POST /v2/quotas',
    call: (as) => api.call('POST', '/v2/quotas', { as, body: { project_id: MEMBER.project, quotas: [{ resource: 'alarms', limit: -1 }] } }),
    expected: [201, 403, 403, 403, 401],
  },
  { endpoint: 'DELETE /v2/quotas/{project}', call: (as) => api.call('DELETE', `/v2/quotas/${MEMBER.project}`, { as }), expected: [204, 403, 403, 403, 401] },
  { endpoint: 'GET /v2/metrics', call: (as) => api.call('GET', '/v2/metrics', { as }), expected: [403, 403, 403, 403, 401], forbidden: 'metrics endpoint is disabled' },
];

describe.each(rows)('RBAC matrix: $endpoint', ({ call, expected, forbidden }) => {
  it.each(CALLERS.map(([label, caller], index) => ({ label, caller, status: expected[index] as number })))(
    '$label → $status',
    async ({ caller, status }) => {
      const id = await ownedAlarm();
      const reply = await call(caller, id);
      if (status === 403) expectError(reply, 403, forbidden ?? RBAC_FAILED);
      else if (status === 404) expectError(reply, 404, `Alarm ${id} not found`);
      else if (status >= 400) expectError(reply, status);
      else expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    },
  );
});

describe('RBAC details', () => {
  it("a reader's refused writes leave the alarm untouched", async () => {
    const id = await ownedAlarm();
    const before = (await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body;
    expectError(await api.call('PUT', `/v2/alarms/${id}`, { as: READER, body: body({ name: 'hijack' }) }), 403, RBAC_FAILED);
    expectError(await api.call('PUT', `/v2/alarms/${id}/state`, { as: READER, body: 'ok' }), 403, RBAC_FAILED);
    expectError(await api.call('DELETE', `/v2/alarms/${id}`, { as: READER }), 403, RBAC_FAILED);
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toEqual(before);
    expect((await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body).toHaveLength(1);
  });

  it('a project user without any role may not read', async () => {
    const id = await ownedAlarm();
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: NOBODY }), 403, RBAC_FAILED);
    expectError(await api.call('GET', '/v2/alarms', { as: NOBODY }), 403, RBAC_FAILED);
    expectError(await api.call('POST', '/v2/alarms', { as: NOBODY, body: body() }), 403, RBAC_FAILED);
  });

  it('roles imply like Keystone: admin ⊃ member ⊃ reader, matched case-insensitively in a list', async () => {
    const id = await ownedAlarm();
    const multi: Caller = { user: 'multi', project: MEMBER.project, roles: 'foo, Reader' };
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: multi })).status).toBe(200);
    expectError(await api.call('PUT', `/v2/alarms/${id}/state`, { as: multi, body: 'ok' }), 403, RBAC_FAILED);
  });

  it('validates the body before RBAC: 400 for a reader sending garbage', async () => {
    const id = await ownedAlarm();
    expectError(await api.call('POST', '/v2/alarms', { as: READER, body: { name: 'x' } }), 400);
    expectError(await api.call('PUT', `/v2/alarms/${id}`, { as: READER, body: { name: 'x', type: 'nope' } }), 400);
    expectError(await api.call('POST', '/v2/alarms', { as: READER, rawBody: '{{' }), 400, 'Request is not in valid JSON format');
  });

  it('no identity is 401 even with a malformed body', async () => {
    expectError(await api.call('POST', '/v2/alarms', { as: null, rawBody: '{{' }), 401);
  });
});

describe('log:// and test:// actions are admin only (§1.4 step 5)', () => {
  it.each([
    ['alarm_actions', 'log://'],
    ['ok_actions', 'test://'],
    ['insufficient_data_actions', 'log://somewhere'],
  ])('POST with %s [%s] is 401 for a member', async (list, action) => {
    expectError(await api.call('POST', '/v2/alarms', { as: MEMBER, body: body({ [list]: [action] }) }), 401, `You are not authorized to create action: ${action}`);
  });

  it('PUT with a log:// action is 401 for a member', async () => {
    const id = await ownedAlarm();
    expectError(await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: body({ alarm_actions: ['log://'] }) }), 401, 'You are not authorized to create action: log://');
  });

  it('an admin may use them', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: ADMIN, body: body({ alarm_actions: ['log://'], ok_actions: ['test://'] }) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ alarm_actions: ['log:'], ok_actions: ['test:'] });
  });

  it('a member may use http and https webhooks', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: body({ alarm_actions: ['http://example.com/a', 'https://example.com/b'] }) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(((reply.body as Json).alarm_actions as string[]).sort()).toEqual(['http://example.com/a', 'https://example.com/b']);
  });
});
