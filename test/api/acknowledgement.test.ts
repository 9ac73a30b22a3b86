import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, OTHER, READER, startTestApi, type TestApi } from '../support/test-api.js';
import { ALARM_KEYS, expectError, expectStatus, historyDetail, prometheusAlarm, RBAC_FAILED, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const invalid = (field: string, value: string, why: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. ${why}`;

async function alarmIn(state: string, extra: Json = {}): Promise<string> {
  const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm({ state, repeat_actions: true, ...extra }) });
  expectStatus(reply, 201);
  return (reply.body as Json).alarm_id as string;
}

const get = async (id: string) => (await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body as Json;

describe('acknowledgement (beyond Aodh)', () => {
  it('PUT /ack records who, when and why; GET shows it; DELETE /ack removes it; history has acknowledgement rows', async () => {
    const id = await alarmIn('alarm');
    expect(Object.keys(await get(id))).not.toContain('acknowledged');
    const acked = await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { comment: 'disk replaced, watching' } });
    expectStatus(acked, 200);
    expect((acked.body as Json).acknowledged).toEqual({ by: MEMBER.user, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), comment: 'disk replaced, watching' });
    expect((await get(id)).acknowledged).toEqual((acked.body as Json).acknowledged);
    expect((await get(id)).state).toBe('alarm');

    expectStatus(await api.call('DELETE', `/v2/alarms/${id}/ack`, { as: MEMBER }), 204);
    const after = await get(id);
    expect(Object.keys(after).sort()).toEqual([...ALARM_KEYS, 'prometheus_rule'].sort());
    // Idempotent.
    expectStatus(await api.call('DELETE', `/v2/alarms/${id}/ack`, { as: MEMBER }), 204);

    const history = (await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body as Json[];
    const acks = history.filter((row) => row.type === 'acknowledgement');
    expect(acks.map(historyDetail)).toEqual([
      { acknowledged: false, state: 'alarm' },
      { acknowledged: true, state: 'alarm', comment: 'disk replaced, watching' },
    ]);
    expect(acks[0]).toMatchObject({ user_id: MEMBER.user, project_id: MEMBER.project });
  });

  it('without a body the acknowledgement has no comment; insufficient data can be acknowledged', async () => {
    const id = await alarmIn('insufficient data');
    const acked = await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER });
    expectStatus(acked, 200);
    expect((acked.body as Json).acknowledged).not.toHaveProperty('comment');
  });

  it('409 for an alarm in ok: nothing to acknowledge', async () => {
    const id = await alarmIn('ok');
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: {} }), 409, `Alarm ${id} is in state ok: there is nothing to acknowledge`);
    expect(await get(id)).not.toHaveProperty('acknowledged');
  });

  it('400 naming comment when longer than 255 characters or not a string; unknown attributes refused', async () => {
    const id = await alarmIn('alarm');
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { comment: 'x'.repeat(256) } }), 400, /^Invalid input for field\/attribute comment\./);
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { comment: 5 } }), 400, /^Invalid input for field\/attribute comment\./);
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { note: 'x' } }), 400, 'Unknown attribute for argument data: note');
    expectStatus(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { comment: 'x'.repeat(255) } }), 200);
  });

  it('RBAC as changing the state: members and admin may; readers 403; other projects 404', async () => {
    const id = await alarmIn('alarm');
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: READER, body: {} }), 403, RBAC_FAILED);
    expectError(await api.call('DELETE', `/v2/alarms/${id}/ack`, { as: READER }), 403, RBAC_FAILED);
    expectError(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: OTHER, body: {} }), 404);
    expectStatus(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: ADMIN, body: {} }), 200);
    expect((await get(id)).acknowledged).toMatchObject({ by: ADMIN.user });
    expectError(await api.call('PUT', '/v2/alarms/no-such-alarm/ack', { as: MEMBER, body: {} }), 404);
  });

  it('acknowledged is read-only: 400 on POST; PUT accepts the stored value sent back (aodhclient update) and refuses another', async () => {
    expectError(
      await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm({ acknowledged: { by: 'me', at: '2026-01-01T00:00:00' } }) }),
      400,
      invalid('acknowledged', "{'by': 'me', 'at': '2026-01-01T00:00:00'}", 'acknowledged is read-only: use PUT or DELETE /v2/alarms/{alarm_id}/ack'),
    );
    const id = await alarmIn('alarm');
    const acked = (await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: { comment: 'c' } })).body as Json;
    const { alarm_id: _id, ...readBack } = acked;
    const sameBack = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...readBack, name: 'renamed' } });
    expectStatus(sameBack, 200);
    expect((sameBack.body as Json).acknowledged).toEqual(acked.acknowledged);
    expectError(await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...readBack, acknowledged: { by: 'someone-else', at: 'x' } } }), 400, /^Invalid input for field\/attribute acknowledged\./);
  });

  it('a state change through the API clears the acknowledgement; the same state keeps it', async () => {
    const id = await alarmIn('alarm');
    expectStatus(await api.call('PUT', `/v2/alarms/${id}/ack`, { as: MEMBER, body: {} }), 200);
    expectStatus(await api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: 'alarm' }), 200);
    expect(await get(id)).toHaveProperty('acknowledged');
    expectStatus(await api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: 'ok' }), 200);
    expect(await get(id)).not.toHaveProperty('acknowledged');
  });
});
