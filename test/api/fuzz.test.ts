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

describe('numbers and nesting (issue 11 A8)', () => {
  const rawPost = (rawBody: string) => api.call('POST', '/v2/alarms', { as: MEMBER, rawBody, headers: { 'content-type': 'application/json' } });
  const withThreshold = (token: string) => `{"name": "n", "type": "prometheus", "prometheus_rule": {"query": "up", "threshold": ${token}}}`;

  it('every finite double as a threshold comes back from GET as the same double', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (value) => {
        const created = await rawPost(withThreshold(JSON.stringify(value)));
        expect(created.status, `${value} → ${JSON.stringify(created.body)}`).toBe(201);
        const read = await api.call('GET', `/v2/alarms/${String((created.body as Json).alarm_id)}`, { as: MEMBER });
        // JSON has no -0 distinct from 0.
        expect(((read.body as Json).prometheus_rule as Json).threshold).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 25 },
    );
  });

  it('number tokens of any size, spelling and sign: 201 with the parsed double, or 400 when they overflow, never 5xx', async () => {
    const token = fc
      .tuple(fc.constantFrom('', '-'), fc.stringMatching(/^[1-9][0-9]{0,30}$/), fc.stringMatching(/^(\.[0-9]{1,30})?$/), fc.integer({ min: -400, max: 400 }))
      .map(([sign, digits, fraction, exponent]) => `${sign}${digits}${fraction}e${exponent}`);
    await fc.assert(
      fc.asyncProperty(token, async (text) => {
        const reply = await rawPost(withThreshold(text));
        const parsed = Number(text);
        expect(reply.status, `${text} → ${JSON.stringify(reply.body)}`).toBe(Number.isFinite(parsed) ? 201 : 400);
        // Underflow reads as ±0, and JSON has no -0.
        if (reply.status === 201) expect(((reply.body as Json).prometheus_rule as Json).threshold).toBe(parsed === 0 ? 0 : parsed);
      }),
      { numRuns: 60 },
    );
  });

  it('bodies nested to any depth are a 201/4xx, never a 5xx', async () => {
    const nested = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => {
      const close = open === '[' ? ']' : '}';
      return `{"name": "n", "type": "prometheus", "prometheus_rule": {"query": "up", "threshold": 1, "x": ${open.repeat(depth)}1${close.repeat(depth)}}}`;
    });
    await fc.assert(
      fc.asyncProperty(nested, async (body) => {
        const reply = await rawPost(body);
        expect(reply.status, `${body.length} bytes → ${JSON.stringify(reply.body)}`).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
