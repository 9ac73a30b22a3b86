import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { DynamoEvaluationCounters } from '../../shared/adapters/dynamodb/evaluation-counters.js';
import type { AlarmState } from '../../shared/domain/alarm.js';
import { collect } from '../../shared/services/paging.js';
import { ADMIN, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, prometheusAlarm, RBAC_FAILED } from './support.js';

const DISABLED = 'metrics endpoint is disabled';
const zeros = { 'insufficient data': 0, ok: 0, alarm: 0 };

describe('GET /v2/metrics with enable_evaluation_results_metrics off (the default)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it.each([
    ['an admin', ADMIN, ''],
    ['an admin, all projects', ADMIN, '?all_projects=true'],
    ['a member', freshCaller('member'), ''],
  ])('answers 403 to %s', async (_, caller, query) => {
    expectError(await api.call('GET', `/v2/metrics${query}`, { as: caller }), 403, DISABLED);
  });

  it('still wants an identity first', async () => {
    expectError(await api.call('GET', '/v2/metrics', { as: null }), 401);
  });
});

describe('GET /v2/metrics with enable_evaluation_results_metrics on (§6.15)', () => {
  let api: TestApi;
  let raw: DynamoDBClient;
  let counters: DynamoEvaluationCounters;
  // Two projects with a reader, a member and an outsider each; counters as the evaluator leaves them.
  const member = freshCaller('member');
  const reader = freshCaller('reader', member.project);
  const other = freshCaller('member');
  const alarms: Record<'a1' | 'a2' | 'b1', string> = { a1: '', a2: '', b1: '' };

  const metrics = async (caller: Caller, query = '') => {
    const reply = await api.call('GET', `/v2/metrics${query}`, { as: caller });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return (reply.body as { evaluation_results: Array<{ alarm_id: string }> }).evaluation_results;
  };
  const count = (alarmId: string, project: string, state: AlarmState, times: number) =>
    Array.from({ length: times }, () => ({ alarmId, projectId: project, state }));

  beforeAll(async () => {
    api = await startTestApi({ ENABLE_EVALUATION_RESULTS_METRICS: 'true' });
    raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    counters = new DynamoEvaluationCounters({ client: documentClientFor(raw), tableName: api.tables.counters ?? '' });
    for (const [key, owner] of [['a1', member], ['a2', member], ['b1', other]] as const) {
      const created = await api.call('POST', '/v2/alarms', { as: owner, body: prometheusAlarm() });
      alarms[key] = (created.body as { alarm_id: string }).alarm_id;
    }
    await counters.increment([
      ...count(alarms.a1, member.project, 'ok', 20),
      ...count(alarms.a1, member.project, 'alarm', 10),
      ...count(alarms.a1, member.project, 'insufficient data', 5),
      ...count(alarms.a2, member.project, 'ok', 1),
      ...count(alarms.b1, other.project, 'alarm', 3),
    ]);
  });
  afterAll(async () => {
    await api?.stop();
    raw?.destroy();
  });

  it("answers the caller's project in Aodh's shape, 0 for states never counted", async () => {
    const reply = await api.call('GET', '/v2/metrics', { as: member });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const body = reply.body as { evaluation_results: unknown[] };
    expect(Object.keys(body)).toEqual(['evaluation_results']);
    expect(body.evaluation_results).toHaveLength(2);
    expect(body.evaluation_results).toEqual(
      expect.arrayContaining([
        { alarm_id: alarms.a1, project_id: member.project, state_counters: { 'insufficient data': 5, ok: 20, alarm: 10 } },
        { alarm_id: alarms.a2, project_id: member.project, state_counters: { ...zeros, ok: 1 } },
      ]),
    );
  });

  it('lets a reader see their project, and an outsider only theirs', async () => {
    expect((await metrics(reader)).map((row) => row.alarm_id).sort()).toEqual([alarms.a1, alarms.a2].sort());
    expect(await metrics(other)).toEqual([{ alarm_id: alarms.b1, project_id: other.project, state_counters: { ...zeros, alarm: 3 } }]);
  });

  it('limits even an admin to their own project without all_projects', async () => {
    const ids = (await metrics(ADMIN)).map((row) => row.alarm_id);
    expect(ids).not.toContain(alarms.a1);
    expect(ids).not.toContain(alarms.b1);
  });

  it('answers every project to an admin with all_projects=true', async () => {
    const ids = (await metrics(ADMIN, '?all_projects=true')).map((row) => row.alarm_id);
    expect(ids).toEqual(expect.arrayContaining([alarms.a1, alarms.a2, alarms.b1]));
  });

  it('answers an empty list to a project with no counters', async () => {
    expect(await metrics(freshCaller('reader'))).toEqual([]);
  });

  it.each([
    ['a member', member],
    ['a reader', reader],
  ])('refuses all_projects to %s (get_metrics:all_projects is admin only)', async (_, caller) => {
    expectError(await api.call('GET', '/v2/metrics?all_projects=true', { as: caller }), 403, RBAC_FAILED);
  });

  it('refuses a caller without the reader role (get_metrics)', async () => {
    expectError(await api.call('GET', '/v2/metrics', { as: { ...member, roles: 'observer' } }), 403, RBAC_FAILED);
  });

  it('reads all_projects as a boolean: false is the caller project, nonsense is a 400', async () => {
    expect((await metrics(member, '?all_projects=false')).map((row) => row.alarm_id).sort()).toEqual([alarms.a1, alarms.a2].sort());
    expectError(await api.call('GET', '/v2/metrics?all_projects=maybe', { as: ADMIN }), 400, /^Invalid input for field\/attribute all_projects\. Value: 'maybe'\./);
  });

  it("drops an alarm's counters with the alarm (Aodh's cascade)", async () => {
    const created = await api.call('POST', '/v2/alarms', { as: member, body: prometheusAlarm() });
    const doomed = (created.body as { alarm_id: string }).alarm_id;
    await counters.increment(count(doomed, member.project, 'ok', 2));
    expect((await metrics(member)).map((row) => row.alarm_id)).toContain(doomed);

    expect((await api.call('DELETE', `/v2/alarms/${doomed}`, { as: member })).status).toBe(204);

    expect((await metrics(member)).map((row) => row.alarm_id)).not.toContain(doomed);
    expect((await collect(counters.list({}))).map((row) => row.alarm_id)).not.toContain(doomed);
    expect((await metrics(member)).map((row) => row.alarm_id).sort()).toEqual([alarms.a1, alarms.a2].sort());
  });

  it('keeps the counters when the delete is refused', async () => {
    expectError(await api.call('DELETE', `/v2/alarms/${alarms.a1}`, { as: reader }), 403, RBAC_FAILED);
    expect((await metrics(member)).find((row) => row.alarm_id === alarms.a1)).toBeDefined();
  });
});
