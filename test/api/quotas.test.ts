import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, MEMBER, OTHER, READER, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, RBAC_FAILED, type Json } from './support.js';

const USER_QUOTA = 2;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ USER_ALARM_QUOTA: String(USER_QUOTA) });
});

afterAll(async () => {
  await api?.stop();
});

const alarm = (extra: Json = {}): Json => ({ name: 'q', type: 'prometheus', prometheus_rule: minimalRules.prometheus, ...extra });
const create = (as: Caller, extra: Json = {}) => api.call('POST', '/v2/alarms', { as, body: alarm(extra) });
const setQuota = (project: string, limit: number, as: Caller = ADMIN) =>
  api.call('POST', '/v2/quotas', { as, body: { project_id: project, quotas: [{ resource: 'alarms', limit }] } });
const exceeded = (caller: { user: string; project: string }) => `Alarm quota exceeded for user ${caller.user} on project ${caller.project}`;

/** Every quota row stored for a project, read straight from DynamoDB (any test table). */
async function storedQuotaRows(project: string): Promise<number> {
  const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const tables = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    let count = 0;
    for (const table of tables.filter((name) => name.endsWith('-quotas'))) {
      const reply = await client.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'project_id = :p', ExpressionAttributeValues: { ':p': { S: project } } }),
      );
      count += reply.Count ?? 0;
    }
    return count;
  } finally {
    client.destroy();
  }
}

describe('GET /v2/quotas (§6.14)', () => {
  it("answers the caller's project with the default, and writes nothing (deliberate fix of §13.1)", async () => {
    const caller = freshCaller('member');
    const reply = await api.call('GET', '/v2/quotas', { as: caller });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ project_id: caller.project, quotas: [{ resource: 'alarms', limit: -1 }] });
    expect(await storedQuotaRows(caller.project)).toBe(0);
    expect((await create(caller)).status).toBe(201);
  });

  it('lets an admin read any project; a reader their own; others get 403', async () => {
    expect((await api.call('GET', `/v2/quotas?project_id=${MEMBER.project}`, { as: ADMIN })).body).toMatchObject({ project_id: MEMBER.project });
    expect((await api.call('GET', `/v2/quotas?project_id=${MEMBER.project}`, { as: READER })).status).toBe(200);
    expectError(await api.call('GET', `/v2/quotas?project_id=${MEMBER.project}`, { as: OTHER }), 403, RBAC_FAILED);
    expectError(await api.call('GET', '/v2/quotas', { as: null }), 401);
  });
});

describe('POST and DELETE /v2/quotas', () => {
  it('POST is admin only, answers 201 with all of the project quotas, and upserts', async () => {
    const project = freshCaller().project;
    const first = await setQuota(project, 10);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ project_id: project, quotas: [{ resource: 'alarms', limit: 10 }] });
    const second = await setQuota(project, 3);
    expect(second.body).toEqual({ project_id: project, quotas: [{ resource: 'alarms', limit: 3 }] });
    expect((await api.call('GET', `/v2/quotas?project_id=${project}`, { as: ADMIN })).body).toEqual(second.body);
  });

  it.each([MEMBER, READER, OTHER])('POST is 403 for %o', async (caller) => {
    expectError(await setQuota(caller.project, 100, caller), 403, RBAC_FAILED);
  });

  it('validates the body', async () => {
    const post = (body: unknown) => api.call('POST', '/v2/quotas', { as: ADMIN, body });
    expectError(await post({ project_id: 'p', quotas: [{ resource: 'cpus', limit: 1 }] }), 400, /^Invalid input for field\/attribute resource\. Value: 'cpus'\. Value should be one of: alarms$/);
    expectError(await post({ project_id: 'p', quotas: [{ resource: 'alarms', limit: -2 }] }), 400, "Invalid input for field/attribute limit. Value: '-2'. Value should be greater or equal to -1");
    expectError(await post({ project_id: 'p', quotas: [{ resource: 'alarms' }] }), 400, "Invalid input for field/attribute limit. Value: 'None'. Mandatory field missing.");
    expectError(await post({ project_id: 'p', quotas: [{ limit: 1 }] }), 400, "Invalid input for field/attribute resource. Value: 'None'. Mandatory field missing.");
    expectError(await post({ project_id: 'p', quotas: [{ resource: 'alarms', limit: 'many' }] }), 400);
    expectError(await api.call('POST', '/v2/quotas', { as: ADMIN, rawBody: '{' }), 400, 'Request is not in valid JSON format');
  });

  it('DELETE is admin only, 204, and brings the default back', async () => {
    const project = freshCaller().project;
    await setQuota(project, 5);
    expectError(await api.call('DELETE', `/v2/quotas/${project}`, { as: { ...MEMBER, project } }), 403, RBAC_FAILED);
    const reply = await api.call('DELETE', `/v2/quotas/${project}`, { as: ADMIN });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expect((await api.call('GET', `/v2/quotas?project_id=${project}`, { as: ADMIN })).body).toEqual({ project_id: project, quotas: [{ resource: 'alarms', limit: -1 }] });
    expect(await storedQuotaRows(project)).toBe(0);
  });
});

describe('quota enforcement on POST /v2/alarms (§1.7 with the deliberate fixes)', () => {
  it(`the user quota (USER_ALARM_QUOTA=${USER_QUOTA}) limits each user's own count`, async () => {
    const caller = freshCaller('member');
    for (let i = 0; i < USER_QUOTA; i++) expect((await create(caller)).status).toBe(201);
    expectError(await create(caller), 403, exceeded(caller));
    const colleague = { ...freshCaller('member'), project: caller.project };
    expect((await create(colleague)).status).toBe(201);
  });

  it("a project row limits the project's count, whoever creates", async () => {
    const first = freshCaller('member');
    const second = { ...freshCaller('member'), project: first.project };
    const third = { ...freshCaller('member'), project: first.project };
    expect((await setQuota(first.project, 2)).status).toBe(201);
    expect((await create(first)).status).toBe(201);
    expect((await create(second)).status).toBe(201);
    expectError(await create(third), 403, exceeded(third));
  });

  it('a project limit of -1 means unlimited', async () => {
    const users = [0, 1, 2].map(() => freshCaller('member'));
    const project = users[0]?.project ?? '';
    expect((await setQuota(project, -1)).status).toBe(201);
    for (const user of users) {
      const caller = { ...user, project };
      expect((await create(caller)).status).toBe(201);
      expect((await create(caller)).status).toBe(201);
    }
  });

  it('a project limit of 0 refuses the first alarm', async () => {
    const caller = freshCaller('member');
    await setQuota(caller.project, 0);
    expectError(await create(caller), 403, exceeded(caller));
  });

  it('counts the owner named by an admin, not the admin', async () => {
    const target = freshCaller('member');
    await setQuota(target.project, 1);
    expect((await create(ADMIN, { user_id: target.user, project_id: target.project })).status).toBe(201);
    expectError(await create(ADMIN, { user_id: 'someone-else', project_id: target.project }), 403, exceeded({ user: 'someone-else', project: target.project }));
  });

  it('frees a slot when an alarm is deleted, and is not checked on PUT', async () => {
    const caller = freshCaller('member');
    const ids: string[] = [];
    for (let i = 0; i < USER_QUOTA; i++) ids.push(String(((await create(caller)).body as Json).alarm_id));
    expectError(await create(caller), 403, exceeded(caller));
    const put = await api.call('PUT', `/v2/alarms/${ids[0]}`, { as: caller, body: alarm({ name: 'edited' }) });
    expect(put.status).toBe(200);
    expect((await api.call('DELETE', `/v2/alarms/${ids[0]}`, { as: caller })).status).toBe(204);
    expect((await create(caller)).status).toBe(201);
  });

  it("the user quota counts the user's alarms in every project, as Aodh's get_alarms(user_id=...) does", async () => {
    const inFirst = freshCaller('member');
    const inSecond = { ...inFirst, project: freshCaller().project };
    expect((await create(inFirst)).status).toBe(201);
    expect((await create(inSecond)).status).toBe(201);
    expectError(await create(inFirst), 403, exceeded(inFirst));
  });

  it('validates the body before the quota (400, not 403)', async () => {
    const caller = freshCaller('member');
    await setQuota(caller.project, 0);
    expectError(await api.call('POST', '/v2/alarms', { as: caller, body: { type: 'prometheus', prometheus_rule: minimalRules.prometheus } }), 400);
  });
});
