import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { ALARM_KEYS, expectError, expectStatus, historyDetail, prometheusAlarm, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const post = (extra: Json) => api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm(extra) });

describe('repeat_interval (beyond Aodh)', () => {
  it('is stored and returned with repeat_actions; absent, the alarm has exactly Aodh fields', async () => {
    const reply = await post({ repeat_actions: true, repeat_interval: 900 });
    expectStatus(reply, 201);
    expect(reply.body).toMatchObject({ repeat_actions: true, repeat_interval: 900 });
    const id = (reply.body as Json).alarm_id as string;
    expect((await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER })).body).toMatchObject({ repeat_interval: 900 });
    const plain = await post({ repeat_actions: true });
    expect(Object.keys(plain.body as Json).sort()).toEqual([...ALARM_KEYS, 'prometheus_rule'].sort());
    const nulled = await post({ repeat_actions: true, repeat_interval: null });
    expect(nulled.body).not.toHaveProperty('repeat_interval');
  });

  it('400 naming repeat_interval outside 1..604800, not an integer, or without repeat_actions', async () => {
    for (const value of [0, -5, 604_801, 'often', true]) {
      expectError(await post({ repeat_actions: true, repeat_interval: value }), 400, /^Invalid input for field\/attribute repeat_interval\./);
    }
    expectError(await post({ repeat_interval: 60 }), 400, "Invalid input for field/attribute repeat_interval. Value: '60'. repeat_interval needs repeat_actions true");
    expectError(await post({ repeat_actions: false, repeat_interval: 60 }), 400, /repeat_interval needs repeat_actions true$/);
    expectStatus(await post({ repeat_actions: true, repeat_interval: 604_800 }), 201);
    expectStatus(await post({ repeat_actions: true, repeat_interval: 1 }), 201);
  });

  it('PUT replaces it (omitted = removed) and records the change in history', async () => {
    const created = (await post({ repeat_actions: true, repeat_interval: 300 })).body as Json;
    const id = created.alarm_id as string;
    const changed = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: { ...created, repeat_interval: 600 } });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({ repeat_interval: 600 });
    const { repeat_interval: _gone, ...without } = created;
    const removed = await api.call('PUT', `/v2/alarms/${id}`, { as: MEMBER, body: without });
    expectStatus(removed, 200);
    expect(removed.body).not.toHaveProperty('repeat_interval');
    const history = ((await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER })).body as Json[]).filter((row) => row.type === 'rule change');
    expect(history.map(historyDetail)).toEqual([{ repeat_interval: null }, { repeat_interval: 600 }]);
  });
});
