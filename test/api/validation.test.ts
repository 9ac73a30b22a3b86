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

const post = (body: unknown) => api.call('POST', '/v2/alarms', { as: MEMBER, body });
const postRaw = (rawBody: string) => api.call('POST', '/v2/alarms', { as: MEMBER, rawBody, headers: { 'content-type': 'application/json' } });
const prom = (extra: Json = {}, rule: Json = {}) => alarmOf('prometheus', { ...minimalRules.prometheus, ...rule }, extra);
const gnocchi = (rule: Json) => alarmOf('gnocchi_resources_threshold', { ...minimalRules.gnocchi_resources_threshold, ...rule });
const invalid = (field: string, value: string, why: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. ${why}`;

describe('request body decoding (§1.6)', () => {
  it.each(['{', 'not json', '{"name": }', '{"name": "a"} trailing', "{'name': 'a'}"])('%s → `Request is not in valid JSON format`', async (raw) => {
    expectError(await postRaw(raw), 400, 'Request is not in valid JSON format');
  });

  it.each(['[]', '"alarm"', '42', 'null', 'true', ''])('a body that is not an object (%s) is 400', async (raw) => {
    expectError(await postRaw(raw), 400);
  });
});

describe('alarm attributes', () => {
  it('name and type are mandatory', async () => {
    const { name: _n, ...noName } = prom();
    expectError(await post(noName), 400, invalid('name', 'None', 'Mandatory field missing.'));
    const { type: _t, ...noType } = prom();
    expectError(await post(noType), 400, invalid('type', 'None', 'Mandatory field missing.'));
  });

  it('the legacy threshold type and unknown types are refused', async () => {
    for (const type of ['threshold', 'nope']) {
      const text = expectError(await post({ name: 'x', type, [`${type}_rule`]: {} }), 400, new RegExp(`^Invalid input for field/attribute type\\. Value: '${type}'\\. Value should be one of: `));
      for (const known of ['gnocchi_resources_threshold', 'gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold', 'composite', 'event', 'prometheus']) {
        expect(text).toContain(known);
      }
    }
  });

  it('the rule of the type must be present, and only that one', async () => {
    expectError(await post({ name: 'x', type: 'prometheus' }), 400, 'prometheus_rule must be set for prometheus type alarm');
    expectError(await post({ name: 'x', type: 'prometheus', prometheus_rule: null }), 400, 'prometheus_rule must be set for prometheus type alarm');
    expectError(
      await post({ ...prom(), event_rule: { event_type: 'x' } }),
      400,
      /^(prometheus_rule and event_rule|event_rule and prometheus_rule) cannot be set at the same time$/,
    );
  });

  it('unknown attributes are refused', async () => {
    expectError(await post(prom({ colour: 'blue' })), 400, 'Unknown attribute for argument data: colour');
    expectError(await post(prom({ colour: 'blue', size: 3 })), 400, /^Unknown attributes for argument data: (colour, size|size, colour)$/);
    expectError(await post(prom({}, { colour: 'blue' })), 400, /colour/);
  });

  it.each([
    ['severity', 'urgent'],
    ['state', 'broken'],
  ])('%s must be one of its values', async (field, value) => {
    expectError(await post(prom({ [field]: value })), 400, new RegExp(`^Invalid input for field/attribute ${field}\\. Value: '${value}'\\. Value should be one of: `));
  });

  it('enabled takes booleans, integers and boolean words, nothing else', async () => {
    const disabled = await post(prom({ enabled: 'no' }));
    expect(disabled.status).toBe(201);
    expect((disabled.body as Json).enabled).toBe(false);
    expect(((await post(prom({ enabled: 0 }))).body as Json).enabled).toBe(false);
    expect(((await post(prom({ enabled: 'on' }))).body as Json).enabled).toBe(true);
    expectError(await post(prom({ enabled: 'maybe' })), 400, /^Invalid input for field\/attribute enabled\. Value: 'maybe'\. .*Value not an unambiguous boolean: maybe$/);
  });

  it('explicit null action lists and time constraints are accepted; null actions are returned as null', async () => {
    const reply = await post(prom({ ok_actions: null, time_constraints: null }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as Json).ok_actions).toBeNull();
  });
});

describe('rule fields (§2.1, §2.5)', () => {
  it('mandatory rule fields are named by their leaf name', async () => {
    const { metric: _m, ...noMetric } = minimalRules.gnocchi_resources_threshold;
    expectError(await post(alarmOf('gnocchi_resources_threshold', noMetric)), 400, invalid('metric', 'None', 'Mandatory field missing.'));
    expectError(await post(alarmOf('prometheus', { threshold: 1 })), 400, invalid('query', 'None', 'Mandatory field missing.'));
    expectError(await post(alarmOf('gnocchi_aggregation_by_metrics_threshold', { aggregation_method: 'mean', threshold: 1 })), 400, invalid('metrics', 'None', 'Mandatory field missing.'));
  });

  it('a boolean threshold is the wrong type', async () => {
    expectError(
      await post(prom({}, { threshold: true })),
      400,
      /^Invalid input for field\/attribute threshold\. Value: '(True|true)'\. Wrong type\. Expected '<class 'float'>', got '<class 'bool'>'$/,
    );
  });

  it('numbers given as strings are coerced', async () => {
    const reply = await post(gnocchi({ threshold: '50', evaluation_periods: '3', granularity: '180' }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body as Json).gnocchi_resources_threshold_rule).toMatchObject({ threshold: 50, evaluation_periods: 3, granularity: 180 });
  });

  it('a threshold that is not a number is 400', async () => {
    expectError(await post(prom({}, { threshold: 'high' })), 400, /threshold/);
    expectError(await post(prom({}, { threshold: [1] })), 400, /threshold/);
  });

  it.each([
    ['evaluation_periods', 0, 'Value should be greater or equal to 1'],
    ['evaluation_periods', 101, 'Value should be lower or equal to 100'],
    ['granularity', 0, 'Value should be greater or equal to 1'],
    ['granularity', 31_536_001, 'Value should be lower or equal to 31536000'],
  ])('%s=%i is out of range', async (field, value, why) => {
    expectError(await post(gnocchi({ [field]: value })), 400, invalid(field, String(value), why));
  });

  it('accepts the bounds themselves', async () => {
    expect((await post(gnocchi({ evaluation_periods: 100, granularity: 31_536_000 }))).status).toBe(201);
  });

  it('comparison_operator must be one of the six', async () => {
    expectError(await post(prom({}, { comparison_operator: 'gte' })), 400, /^Invalid input for field\/attribute comparison_operator\. Value: 'gte'\. Value should be one of: /);
  });
});

describe('actions (§1.4)', () => {
  it('an unsupported scheme is refused', async () => {
    expectError(await post(prom({ ok_actions: ['spam://something/ok'] })), 400, 'Unsupported action spam://something/ok');
    expectError(await post(prom({ alarm_actions: ['not a url'] })), 400, /^(Unsupported action|Unable to parse action) not a url$/);
  });

  it('an unparsable URL is refused', async () => {
    expectError(await post(prom({ alarm_actions: ['http://[::1'] })), 400, 'Unable to parse action http://[::1');
  });

  it('duplicates are removed silently', async () => {
    const reply = await post(prom({ alarm_actions: ['http://example.com/x', 'http://example.com/x'] }));
    expect(reply.status).toBe(201);
    expect((reply.body as Json).alarm_actions).toEqual(['http://example.com/x']);
  });

  it('an action list that is not a list of strings is 400', async () => {
    expectError(await post(prom({ alarm_actions: 'http://example.com/x' })), 400);
    expectError(await post(prom({ alarm_actions: [42] })), 400);
  });
});
