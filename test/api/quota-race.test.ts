import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ USER_ALARM_QUOTA: '2' });
});

afterAll(async () => {
  await api?.stop();
});

const alarm = (extra: Json = {}): Json => ({ name: 'q', type: 'prometheus', prometheus_rule: minimalRules.prometheus, ...extra });
const create = (as: Caller, extra: Json = {}) => api.call('POST', '/v2/alarms', { as, body: alarm(extra) });
const exceeded = (caller: { user: string; project: string }) => `Alarm quota exceeded for user ${caller.user} on project ${caller.project}`;
const statuses = (replies: Array<{ status: number }>) => replies.map((reply) => reply.status).sort();
const countIn = async (project: string) =>
  ((await api.call('GET', `/v2/alarms?q.field=project_id&q.op=eq&q.value=${project}`, { as: ADMIN })).body as Json[]).length;

describe('quotas hold under concurrent creates (issue 11 A6)', () => {
  it('ten parallel creates against a user quota of 2: exactly two succeed, the others are 403', async () => {
    const caller = freshCaller('member');
    const replies = await Promise.all(Array.from({ length: 10 }, () => create(caller)));
    expect(statuses(replies)).toEqual([201, 201, ...Array<number>(8).fill(403)]);
    for (const reply of replies.filter((r) => r.status === 403)) expectError(reply, 403, exceeded(caller));
    expect(await countIn(caller.project)).toBe(2);
  });

  it('ten parallel creates by different users against a project quota of 3: exactly three succeed', async () => {
    const project = freshCaller().project;
    expect((await api.call('POST', '/v2/quotas', { as: ADMIN, body: { project_id: project, quotas: [{ resource: 'alarms', limit: 3 }] } })).status).toBe(201);
    const callers = Array.from({ length: 10 }, () => freshCaller('member', project));
    const replies = await Promise.all(callers.map((caller) => create(caller)));
    expect(statuses(replies)).toEqual([201, 201, 201, ...Array<number>(7).fill(403)]);
    expect(await countIn(project)).toBe(3);
  });

  it('a delete frees its place, and a move to another project frees it in the old one', async () => {
    const caller = freshCaller('member');
    const first = (await create(caller)).body as Json;
    const second = (await create(caller)).body as Json;
    expectError(await create(caller), 403, exceeded(caller));

    expect((await api.call('DELETE', `/v2/alarms/${String(first.alarm_id)}`, { as: caller })).status).toBe(204);
    const third = await create(caller);
    expect(third.status).toBe(201);
    expectError(await create(caller), 403, exceeded(caller));

    // An admin hands the second alarm to another user: the caller's count drops, the other's rises.
    const other = freshCaller('member', caller.project);
    const moved = await api.call('PUT', `/v2/alarms/${String(second.alarm_id)}`, { as: ADMIN, body: alarm({ user_id: other.user, project_id: other.project }) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await create(caller)).status).toBe(201);
    expect((await create(other)).status).toBe(201);
    expectError(await create(other), 403, exceeded(other));
  });
});
