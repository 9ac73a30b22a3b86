import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, historyDetail, prometheusAlarm, type Json } from './support.js';

/** Facts about the real Aodh 15 that gabbi and aodhclient rely on (issue 11, part B). */
const ALLOWED = 'https://a.example';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ CORS_ALLOWED_ORIGINS: ALLOWED });
});

afterAll(async () => {
  await api?.stop();
});

/** Python's json.dumps never writes `,"` or `":` outside strings; these bodies hold neither inside one. */
function expectPythonSpacing(text: string): void {
  expect(text).not.toMatch(/,"|":[^ ]|,\[|,\{/);
}

describe('B1: bodies are serialised as Python json.dumps does', () => {
  it('the version document reads {"base": "application/json", ...}', async () => {
    const reply = await api.call('GET', '/', { as: null });
    expect(reply.text).toContain('{"base": "application/json", "type": "application/vnd.openstack.telemetry-v2+json"}');
    expectPythonSpacing(reply.text);
  });

  it('an alarm, a list, an error envelope and a state are spaced the same way; non-ASCII is escaped', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm({ description: 'café' }) });
    expect(created.status).toBe(201);
    expect(created.text).toContain('"description": "caf\\u00e9"');
    expect(created.text).toMatch(/^\{"alarm_id": "/);
    const id = (created.body as Json).alarm_id as string;
    const list = await api.call('GET', '/v2/alarms', { as: MEMBER });
    expect(list.text).toMatch(/^\[\{"[a-z_]+": /);
    expectPythonSpacing(list.text);
    const missing = await api.call('GET', '/v2/alarms/nope', { as: MEMBER });
    expect(missing.text).toBe('{"error_message": {"faultcode": "Client", "faultstring": "Alarm nope not found", "debuginfo": null}}');
    const state = await api.call('GET', `/v2/alarms/${id}/state`, { as: MEMBER });
    expect(state.text).toBe('"insufficient data"');
  });

  it('history detail strings are json.dumps text too', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm() });
    const id = (created.body as Json).alarm_id as string;
    expect((await api.call('PUT', `/v2/alarms/${id}/state`, { as: MEMBER, body: 'alarm' })).status).toBe(200);
    const history = await api.call('GET', `/v2/alarms/${id}/history`, { as: MEMBER });
    const rows = history.body as Json[];
    const transition = rows.find((row) => row.type === 'state transition');
    expect(transition?.detail).toBe('{"state": "alarm", "state_reason": "Manually set via API"}');
    const creation = rows.find((row) => row.type === 'creation');
    expectPythonSpacing(String(creation?.detail));
    expect(historyDetail(creation).alarm_id).toBe(id);
  });
});

describe('B2/A12: CORS preflight as oslo.middleware answers it', () => {
  const preflight = (origin: string, extra: Record<string, string> = {}) =>
    api.call('OPTIONS', '/v2/alarms', { as: null, headers: { origin, 'access-control-request-method': 'GET', ...extra } });

  it('is 200 with the CORS headers for an allowed origin, and allows Authorization', async () => {
    const reply = await preflight(ALLOWED, { 'access-control-request-headers': 'authorization,content-type' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(reply.headers.get('access-control-allow-methods')).toBe('GET');
    expect(reply.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(reply.headers.get('access-control-max-age')).toBe('3600');
    expect(reply.headers.get('vary')).toBe('Origin');
  });

  it('is 200 without CORS headers for a disallowed origin, a header not allowed, or no origin', async () => {
    for (const reply of [
      await preflight('https://b.example'),
      await preflight(ALLOWED, { 'access-control-request-headers': 'x-not-allowed' }),
      await api.call('OPTIONS', '/v2/alarms', { as: null }),
      await api.call('OPTIONS', '/nowhere', { as: null }),
    ]) {
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('');
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('B3: GET /healthcheck', () => {
  it('is 200 with an empty text/plain body', async () => {
    const reply = await api.call('GET', '/healthcheck', { as: null });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
  });

  it('answers its JSON document to a client that prefers JSON, and 204 to HEAD', async () => {
    const json = await api.call('GET', '/healthcheck', { as: null, headers: { accept: 'application/json' } });
    expect(json.text).toBe('{\n    "detailed": false,\n    "reasons": []\n}');
    expect((await api.call('HEAD', '/healthcheck', { as: null })).status).toBe(204);
  });
});

describe('B4: a method the resource does not serve', () => {
  const HTML =
    '<html>\n <head>\n  <title>405 Method Not Allowed</title>\n </head>\n <body>\n  <h1>405 Method Not Allowed</h1>\n' +
    '  The method PUT is not allowed for this resource. <br /><br />\n\n </body>\n</html>';

  it('is 405 with Allow and the HTML page as a string in error_message (curl, browsers)', async () => {
    const reply = await api.call('PUT', '/v2/alarms', { as: MEMBER, body: prometheusAlarm(), headers: { accept: '*/*' } });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, POST');
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toEqual({ error_message: HTML });
    expect(reply.text).toBe(JSON.stringify({ error_message: HTML }).replace('{"error_message":', '{"error_message": '));
  });

  it.each([
    ['', '405 Method Not Allowed\n\nThe method PUT is not allowed for this resource. \n\n '],
    ['text/plain', '405 Method Not Allowed\n\nThe method PUT is not allowed for this resource. \n\n '],
    ['application/json', { code: 405, title: 'Method Not Allowed', description: '' }],
    ['application/json, */*', HTML],
    ['text/plain, application/json;q=0.9', { message: 'The method PUT is not allowed for this resource. <br /><br />\n', code: '405 Method Not Allowed', title: 'Method Not Allowed' }],
  ])('renders as pecan and webob 1.8 do for Accept %j', async (accept, message) => {
    const reply = await api.call('PUT', '/v2/alarms', { as: MEMBER, body: prometheusAlarm(), headers: { accept } });
    expect(reply.status).toBe(405);
    expect(reply.body).toEqual({ error_message: message });
  });
});

describe('B5: actions are stored as urlsplit(url).geturl() gives them back', () => {
  it.each([
    ['log://', 'log:'],
    ['test://', 'test:'],
    ['HTTP://Example.com:8080', 'http://Example.com:8080'],
    ['http://example.com/hook?', 'http://example.com/hook'],
    ['https://example.com/hook?a=1#', 'https://example.com/hook?a=1'],
    ['http://example.com/hook', 'http://example.com/hook'],
  ])('%s is stored and returned as %s', async (action, stored) => {
    const created = await api.call('POST', '/v2/alarms', { body: prometheusAlarm({ alarm_actions: [action], ok_actions: [action, stored] }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((created.body as Json).alarm_actions).toEqual([stored]);
    // Two spellings of one action are one action.
    expect((created.body as Json).ok_actions).toEqual([stored]);
    const fetched = await api.call('GET', `/v2/alarms/${String((created.body as Json).alarm_id)}`);
    expect((fetched.body as Json).alarm_actions).toEqual([stored]);
  });
});

describe('B6: Aodh\'s error texts', () => {
  it('an invalid state in PUT …/state is Aodh\'s own "state invalid" (WSME leaves an Enum body unchecked)', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm() });
    const path = `/v2/alarms/${String((created.body as Json).alarm_id)}/state`;
    for (const body of ['foo', 'insufficient_data', 5, null, { state: 'ok' }]) {
      expectError(await api.call('PUT', path, { as: MEMBER, body }), 400, 'state invalid');
    }
    expectError(await api.call('PUT', path, { as: MEMBER }), 400, 'Missing argument: "state"');
    // The alarm is looked up first: an unknown one is a 404 whatever the value.
    expectError(await api.call('PUT', '/v2/alarms/nope/state', { as: MEMBER, body: 'foo' }), 404, 'Alarm nope not found');
  });

  it('a cron with the wrong number of columns gets croniter\'s message', async () => {
    const reply = await api.call('POST', '/v2/alarms', {
      as: MEMBER,
      body: prometheusAlarm({ time_constraints: [{ name: 'tc', start: '0 0 * *', duration: 60 }] }),
    });
    expectError(reply, 400, "Invalid input for field/attribute start. Value: '0 0 * *'. Exactly 5 or 6 columns has to be specified for iterator expression.");
  });
});
