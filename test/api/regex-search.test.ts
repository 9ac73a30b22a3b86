import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, freshCaller, minimalRules, type Json } from './support.js';

/** A3: `=~` runs on RE2 (linear time); a pattern is at most 1,024 characters. */
let api: TestApi;
const owner = freshCaller('member');
const EVIL = '^(a+)+$';
const VICTIM = 'a'.repeat(30) + 'b';

beforeAll(async () => {
  api = await startTestApi();
  const reply = await api.call('POST', '/v2/alarms', { as: owner, body: { name: VICTIM, type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
});

afterAll(async () => {
  await api?.stop();
});

const filter = (value: unknown) => ({ filter: JSON.stringify(value) });

describe('=~ in complex queries cannot be made to backtrack', () => {
  it.each(['/v2/query/alarms', '/v2/query/alarms/history'])('%s answers a catastrophic pattern against a 31-character name at once', async (path) => {
    const field = path.endsWith('history') ? 'detail' : 'name';
    const started = performance.now();
    const reply = await api.call('POST', path, { as: owner, body: filter({ '=~': { [field]: EVIL } }) });
    const elapsed = performance.now() - started;
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual([]);
    // A backtracking engine needs seconds (2^30 paths); RE2 needs microseconds.
    expect(elapsed).toBeLessThan(1500);
  });

  it('still matches what it should, (?i) included', async () => {
    const reply = await api.call('POST', '/v2/query/alarms', { as: owner, body: filter({ '=~': { name: '(?i)^A+B$' } }) });
    expect((reply.body as Json[]).map((alarm) => alarm.name)).toEqual([VICTIM]);
  });

  it('refuses a pattern longer than 1,024 characters with a 400 naming the limit', async () => {
    const reply = await api.call('POST', '/v2/query/alarms', { as: owner, body: filter({ '=~': { name: 'a'.repeat(1025) } }) });
    expectError(reply, 400, 'Filter expression not valid: a regular expression may have at most 1024 characters, this one has 1025');
    const ok = await api.call('POST', '/v2/query/alarms', { as: owner, body: filter({ '=~': { name: 'a'.repeat(1024) } }) });
    expect(ok.status).toBe(200);
  });

  it('refuses what RE2 cannot run (backreferences, lookahead) with a 400', async () => {
    for (const pattern of ['(a)\\1', 'a(?=b)']) {
      const reply = await api.call('POST', '/v2/query/alarms', { as: owner, body: filter({ '=~': { name: pattern } }) });
      expectError(reply, 400, `Filter expression not valid: '${pattern.replace(/\\/g, '\\\\')}' is not a valid regular expression`);
    }
  });
});
