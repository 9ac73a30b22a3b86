import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { alarmOf, expectError, minimalRules, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

/** A prometheus alarm whose threshold is the raw JSON token given (so tokens JSON.stringify cannot write are possible). */
const rawAlarm = (thresholdToken: string): string =>
  `{"name": "n", "type": "prometheus", "prometheus_rule": {"query": "up", "comparison_operator": "gt", "threshold": ${thresholdToken}}}`;

const post = (rawBody: string) => api.call('POST', '/v2/alarms', { as: MEMBER, rawBody, headers: { 'content-type': 'application/json' } });

/** A composite tree `depth` and/or levels deep over one prometheus leaf. */
function nestedComposite(depth: number): Json {
  let node: Json = { type: 'prometheus', ...minimalRules.prometheus };
  for (let level = 0; level < depth; level++) node = { [level % 2 ? 'and' : 'or']: [node] };
  return node;
}

describe('numbers outside DynamoDB’s number type round-trip exactly (issue 11 A8)', () => {
  // The value GET returns is the IEEE-754 double the JSON token parses to, as Python's float() reads it in Aodh.
  it.each([
    ['1e308', 1e308],
    ['-1e308', -1e308],
    ['5e-324', 5e-324],
    ['1e16', 1e16],
    ['9007199254740993', 2 ** 53],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['-2.2250738585072014e-308', -2.2250738585072014e-308],
    ['0.1', 0.1],
    ['123456789.123456789', 123456789.123456789],
  ])('threshold %s is stored and read back as the same double', async (token, expected) => {
    const created = await post(rawAlarm(token));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(((created.body as Json).prometheus_rule as Json).threshold).toBe(expected);
    const read = await api.call('GET', `/v2/alarms/${String((created.body as Json).alarm_id)}`, { as: MEMBER });
    expect(read.status).toBe(200);
    expect(((read.body as Json).prometheus_rule as Json).threshold).toBe(expected);
  });

  it.each(['1e400', '-1e400'])('a threshold token overflowing to infinity (%s) is a 400 naming the field', async (token) => {
    expectError(await post(rawAlarm(token)), 400, /threshold/);
  });

  it('a non-finite number anywhere in the body is a 400 naming its path, never stored as null', async () => {
    const body = `{"name": "n", "type": "composite", "composite_rule": {"or": [{"type": "prometheus", "query": "up", "threshold": 1, "extra": [1, 1e999]}]}}`;
    expectError(await post(body), 400, /composite_rule\.or\[0\]\.extra\[1\]/);
  });
});

describe('deep structures (issue 11 A8)', () => {
  it('stores a composite rule nested 50 levels deep and reads it back unchanged', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf('composite', nestedComposite(50)) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await api.call('GET', `/v2/alarms/${String((created.body as Json).alarm_id)}`, { as: MEMBER });
    expect(JSON.stringify((read.body as Json).composite_rule)).toBe(JSON.stringify((created.body as Json).composite_rule));
    expect(JSON.stringify(read.body)).toContain('"query":"avg(cpu_util)"');
  });

  it('refuses a composite rule nested 51 levels deep with a 400', async () => {
    expectError(await api.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf('composite', nestedComposite(51)) }), 400, /composite rule/);
  });

  it('refuses a body nested deeper than 128 levels with a 400 naming the limit', async () => {
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    const body = `{"name": "n", "type": "prometheus", "prometheus_rule": {"query": "up", "threshold": 1, "x": ${deep}}}`;
    expectError(await post(body), 400, /nested more than 128 levels/);
    expectError(await post(`${'['.repeat(20_000)}${']'.repeat(20_000)}`), 400, /nested more than 128 levels/);
  });
});
