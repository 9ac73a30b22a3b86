import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startTestApi, type Caller, type TestApi } from '../support/test-api.js';
import { minimalRules, type Json } from './support.js';

let api: TestApi;
let alarmId: string;

beforeAll(async () => {
  api = await startTestApi();
  const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: { name: 'fuzz', type: 'prometheus', prometheus_rule: minimalRules.prometheus } });
  expect(reply.status).toBe(201);
  alarmId = String((reply.body as Json).alarm_id);
});

afterAll(async () => {
  await api?.stop();
});

const TYPES = ['prometheus', 'gnocchi_resources_threshold', 'gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold', 'composite', 'event', 'threshold', 'cloudwatch_threshold'];

/** Bodies shaped like alarms, with arbitrary values where it hurts. */
const alarmLike = fc.record(
  {
    name: fc.oneof(fc.string(), fc.jsonValue()),
    type: fc.oneof(fc.constantFrom(...TYPES), fc.jsonValue()),
    enabled: fc.jsonValue(),
    severity: fc.oneof(fc.constantFrom('low', 'moderate', 'critical'), fc.jsonValue()),
    state: fc.jsonValue(),
    alarm_actions: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.string())), fc.jsonValue()),
    time_constraints: fc.oneof(fc.array(fc.record({ name: fc.string(), start: fc.string(), duration: fc.jsonValue(), timezone: fc.string() }, { requiredKeys: [] })), fc.jsonValue()),
    evaluate_timestamp: fc.oneof(fc.string(), fc.jsonValue()),
    rule: fc.oneof(
      fc.dictionary(fc.constantFrom('query', 'threshold', 'metric', 'metrics', 'resource_id', 'resource_type', 'aggregation_method', 'granularity', 'evaluation_periods', 'comparison_operator', 'event_type', 'and', 'or', 'type'), fc.jsonValue()),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
).map(({ rule, ...alarm }) => ({ ...alarm, [`${typeof alarm.type === 'string' ? alarm.type : 'prometheus'}_rule`]: rule }));

async function neverServerError(method: string, path: string, body: unknown, as: Caller = MEMBER): Promise<void> {
  const reply = await api.call(method, path, { as, body });
  expect(reply.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(reply.body)}`).toBeLessThan(500);
}

describe('arbitrary JSON bodies never cause a 5xx', () => {
  it('POST /v2/alarms with fc.jsonValue()', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), (body) => neverServerError('POST', '/v2/alarms', body)), { numRuns: 100 });
  });

  it('POST /v2/alarms with alarm-shaped bodies', async () => {
    await fc.assert(fc.asyncProperty(alarmLike, (body) => neverServerError('POST', '/v2/alarms', body, ADMIN)), { numRuns: 150 });
  });

  it('PUT /v2/alarms/{id} with alarm-shaped bodies', async () => {
    await fc.assert(fc.asyncProperty(alarmLike, (body) => neverServerError('PUT', `/v2/alarms/${alarmId}`, body)), { numRuns: 100 });
  });

  it('PUT /v2/alarms/{id}/state', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), (body) => neverServerError('PUT', `/v2/alarms/${alarmId}/state`, body)), { numRuns: 50 });
  });

  it('POST /v2/query/alarms and /history with arbitrary filters', async () => {
    const query = fc.record(
      { filter: fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.jsonValue()), orderby: fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.jsonValue()), limit: fc.jsonValue() },
      { requiredKeys: [] },
    );
    await fc.assert(fc.asyncProperty(fc.oneof(query, fc.jsonValue()), (body) => neverServerError('POST', '/v2/query/alarms', body)), { numRuns: 75 });
    await fc.assert(fc.asyncProperty(fc.oneof(query, fc.jsonValue()), (body) => neverServerError('POST', '/v2/query/alarms/history', body, ADMIN)), { numRuns: 75 });
  });

  it('POST /v2/quotas', async () => {
    const quota = fc.record({ project_id: fc.jsonValue(), quotas: fc.oneof(fc.array(fc.record({ resource: fc.jsonValue(), limit: fc.jsonValue() }, { requiredKeys: [] })), fc.jsonValue()) }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(fc.oneof(quota, fc.jsonValue()), (body) => neverServerError('POST', '/v2/quotas', body, ADMIN)), { numRuns: 75 });
  });

  it('GET /v2/alarms with arbitrary query strings', async () => {
    const param = fc.tuple(fc.constantFrom('q.field', 'q.op', 'q.value', 'q.type', 'limit', 'marker', 'sort'), fc.string());
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const reply = await api.call('GET', `/v2/alarms?${new URLSearchParams(params).toString()}`, { as: MEMBER });
        expect(reply.status, `${JSON.stringify(params)} → ${JSON.stringify(reply.body)}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

describe('arbitrary encodings and media types never cause a 5xx or a 201', () => {
  const CONTENT_TYPES = ['application/json', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=b', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/xml', ''];

  it('POST /v2/alarms with arbitrary bytes (invalid UTF-8, BOMs, NULs) under any content type', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue().map((value) => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(JSON.stringify(value))])),
      fc.jsonValue().map((value) => new Uint8Array([...Buffer.from(JSON.stringify(value)), 0xff])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...CONTENT_TYPES), async (body, type) => {
        const response = await fetch(`${api.url}/v2/alarms`, {
          method: 'POST',
          body,
          headers: { 'x-user-id': MEMBER.user, 'x-project-id': MEMBER.project, 'x-roles': MEMBER.roles, ...(type ? { 'content-type': type } : {}) },
        });
        const text = await response.text();
        expect(response.status, `${type} ${Buffer.from(body).toString('hex')} → ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(JSON.parse(text)).toHaveProperty('error_message');
      }),
      { numRuns: 100 },
    );
  });

  it('a valid alarm body under a form or multipart type is refused, never created', async () => {
    const types = fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'Multipart/Mixed');
    await fc.assert(
      fc.asyncProperty(types, async (type) => {
        const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, rawBody: JSON.stringify({ name: 'f', type: 'prometheus', prometheus_rule: minimalRules.prometheus }), headers: { 'content-type': type } });
        expect(reply.status).toBe(415);
      }),
      { numRuns: 10 },
    );
  });

  it('=~ patterns of any shape answer fast and below 500', async () => {
    const pattern = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('^(a+)+$', '(a|aa)*b', '(.*a){12}', '(?i)x', '(a)\\1', '[', 'a'.repeat(1025)));
    await fc.assert(
      fc.asyncProperty(pattern, async (value) => {
        const started = performance.now();
        const reply = await api.call('POST', '/v2/query/alarms', { as: MEMBER, body: { filter: JSON.stringify({ '=~': { name: value } }) } });
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 60 },
    );
  });
});
