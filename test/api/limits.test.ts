import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { alarmOf, expectError, minimalRules, type Json } from './support.js';

const MAX_BODY_BYTES = 1024;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ MAX_BODY_BYTES: String(MAX_BODY_BYTES), ALARM_MAX_ACTIONS: '1' });
});

afterAll(async () => {
  await api?.stop();
});

const prom = (extra: Json = {}) => alarmOf('prometheus', minimalRules.prometheus, extra);

describe('MAX_BODY_BYTES', () => {
  it('refuses a larger body with 400 naming the body, not 500 or 413', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ description: 'x'.repeat(MAX_BODY_BYTES) }) });
    expectError(reply, 400, /body/i);
  });

  it('counts bytes, not characters', async () => {
    const description = 'é'.repeat(Math.floor(MAX_BODY_BYTES / 2) - 10);
    expect(description.length).toBeLessThan(MAX_BODY_BYTES);
    expectError(await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ description }) }), 400, /body/i);
  });

  it('refuses an oversized body that is not JSON with 400 as well', async () => {
    expectError(await api.call('POST', '/v2/alarms', { as: MEMBER, rawBody: 'x'.repeat(MAX_BODY_BYTES * 4) }), 400);
  });

  it('applies to every route that reads a body', async () => {
    const big = 'y'.repeat(MAX_BODY_BYTES);
    expectError(await api.call('POST', '/v2/query/alarms', { as: MEMBER, body: { filter: big } }), 400, /body/i);
    expectError(await api.call('PUT', '/v2/alarms/whatever/state', { as: MEMBER, body: big }), 400, /body/i);
  });

  it('accepts a body under the limit', async () => {
    expect((await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ description: 'x'.repeat(200) }) })).status).toBe(201);
  });
});

describe('ALARM_MAX_ACTIONS (§1.4 step 2)', () => {
  it.each(['ok_actions', 'alarm_actions', 'insufficient_data_actions'])('%s longer than the limit is 400', async (list) => {
    expectError(
      await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ [list]: ['http://example.com/1', 'http://example.com/2'] }) }),
      400,
      `${list} count exceeds maximum value 1`,
    );
  });

  it('counts after removing duplicates', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ alarm_actions: ['http://example.com/1', 'http://example.com/1'] }) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as Json).alarm_actions).toEqual(['http://example.com/1']);
  });

  it('is checked before the scheme', async () => {
    expectError(
      await api.call('POST', '/v2/alarms', { as: MEMBER, body: prom({ alarm_actions: ['spam://a', 'spam://b'] }) }),
      400,
      'alarm_actions count exceeds maximum value 1',
    );
  });
});
