import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, historyDetail, minimalRules, REQUEST_ID, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

async function createAlarm(): Promise<string> {
  const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: { name: 'r', type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String((reply.body as Json).alarm_id);
}

/** Longer than any DynamoDB key may be (2048 bytes), far longer than Aodh's 128-character column. */
const LONG_ID = 'x'.repeat(3000);

describe('odd paths and identifiers are client errors, never 5xx', () => {
  it.each(['/v2/alarms/%E0%A4%A', '/v2/alarms/%ZZ/state', '/v2/alarms/%FF/history'])('a malformed percent-encoding (%s) is a 4xx with the envelope', async (path) => {
    const reply = await api.call('GET', path, { as: MEMBER });
    expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expectError(reply, reply.status);
    expect(reply.headers.get('x-openstack-request-id')).toMatch(REQUEST_ID);
  });

  it('an alarm id longer than any stored id is simply not found', async () => {
    const notFound = `Alarm ${LONG_ID} not found`;
    expectError(await api.call('GET', `/v2/alarms/${LONG_ID}`, { as: MEMBER }), 404, notFound);
    expectError(await api.call('GET', `/v2/alarms/${LONG_ID}/state`, { as: MEMBER }), 404, notFound);
    expectError(await api.call('PUT', `/v2/alarms/${LONG_ID}/state`, { as: MEMBER, body: 'ok' }), 404, notFound);
    expectError(await api.call('GET', `/v2/alarms/${LONG_ID}/history`, { as: MEMBER }), 404, notFound);
    expectError(await api.call('PUT', `/v2/alarms/${LONG_ID}`, { as: MEMBER, body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus } }), 404, notFound);
    expectError(await api.call('DELETE', `/v2/alarms/${LONG_ID}`, { as: MEMBER }), 404, notFound);
  });

  it('an over-long marker is an unknown marker (400), whatever the sort', async () => {
    expectError(await api.call('GET', `/v2/alarms?marker=${LONG_ID}`, { as: MEMBER }), 400, `Marker ${LONG_ID} not found.`);
    expectError(await api.call('GET', `/v2/alarms?marker=${LONG_ID}&sort=name`, { as: MEMBER }), 400, `Marker ${LONG_ID} not found.`);
  });

  it('an over-long owner project on POST is refused as bad input, not a 500', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: ADMIN, body: { name: 'n', type: 'prometheus', prometheus_rule: minimalRules.prometheus, project_id: LONG_ID } });
    expectError(reply, 400);
  });

  it('an over-long quota project on POST /v2/quotas is refused as bad input, not a 500', async () => {
    const reply = await api.call('POST', '/v2/quotas', { as: ADMIN, body: { project_id: LONG_ID, quotas: [{ resource: 'alarms', limit: 1 }] } });
    expectError(reply, 400);
  });
});

describe('concurrent writers (Aodh never answers 409; the last write wins)', () => {
  it('concurrent PUT /state all succeed and each leaves a history row (§6.8 "always sets state")', async () => {
    const id = await createAlarm();
    const states = ['ok', 'alarm', 'insufficient data', 'ok', 'alarm', 'ok', 'alarm', 'ok'];
    const replies = await Promise.all(states.map((state) => api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: state })));
    expect(replies.map((reply) => reply.status)).toEqual(states.map(() => 200));
    const history = (await api.call('GET', `/v2/alarms/${id}/history?q.field=type&q.value=state%20transition`, { as: MEMBER })).body as Json[];
    expect(history).toHaveLength(states.length);
    const final = (await api.call('GET', `/v2/alarms/${id}/state`, { as: MEMBER })).body;
    expect(historyDetail(history[0]).state).toBe(final);
  });

  it('concurrent PUT /v2/alarms/{id} all succeed; the alarm ends as one of them', async () => {
    const id = await createAlarm();
    const names = ['a', 'b', 'c', 'd', 'e'];
    const replies = await Promise.all(
      names.map((name) => api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { name, type: 'prometheus', prometheus_rule: minimalRules.prometheus } })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(names.map(() => 200));
    const final = (await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body as Json;
    expect(names).toContain(final.name);
  });

  it('concurrent DELETEs, state changes and reads never yield a 5xx', async () => {
    const id = await createAlarm();
    const replies = await Promise.all([
      api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER }),
      api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: 'ok' }),
      api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER }),
      api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER }),
    ]);
    for (const reply of replies) expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
    expectError(await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }), 404, `Alarm ${id} not found`);
  });
});
