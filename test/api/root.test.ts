import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, READER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, prometheusAlarm, REQUEST_ID } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

describe('GET / (version document, §6.3)', () => {
  it('answers without identity with the v2 version document', async () => {
    const reply = await api.call('GET', '/', { as: null });
    expect(reply.status).toBe(200);
    const host = new URL(api.url).host;
    expect(reply.body).toEqual({
      versions: {
        values: [
          {
            id: 'v2',
            status: 'stable',
            updated: '2013-02-13T00:00:00Z',
            links: [
              { href: expect.stringMatching(new RegExp(`^https?://${host.replace(/\./g, '\\.')}/v2$`)), rel: 'self' },
              { href: 'https://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
            ],
            'media-types': [
              { base: 'application/json', type: 'application/vnd.openstack.telemetry-v2+json' },
              { base: 'application/xml', type: 'application/vnd.openstack.telemetry-v2+xml' },
            ],
          },
        ],
      },
    });
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('carries no x-openstack-request-id (the request-id middleware is on /v2 only)', async () => {
    const reply = await api.call('GET', '/', { as: null });
    expect(reply.headers.get('x-openstack-request-id')).toBeNull();
  });

  it('sends no CORS header when no origin is configured', async () => {
    const reply = await api.call('GET', '/', { as: null, headers: { origin: 'https://a.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /healthcheck', () => {
  it('answers 200 without identity', async () => {
    const reply = await api.call('GET', '/healthcheck', { as: null });
    expect(reply.status).toBe(200);
  });
});

describe('routing errors', () => {
  it('GET /v2 is 404 although the version document links to it', async () => {
    const reply = await api.call('GET', '/v2');
    expectError(reply, 404);
    expect(reply.headers.get('x-openstack-request-id')).toMatch(REQUEST_ID);
  });

  it('an unknown /v2 path is 404 with the error envelope', async () => {
    expectError(await api.call('GET', '/v2/nothing-here'), 404);
    expectError(await api.call('GET', '/v2/alarms/a/b/c'), 404);
  });

  it('PUT /v2/alarms is 405 with Allow: GET, POST', async () => {
    const reply = await api.call('PUT', '/v2/alarms', { body: prometheusAlarm() });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, POST');
    expect(reply.headers.get('x-openstack-request-id')).toMatch(REQUEST_ID);
  });

  it('DELETE /v2/alarms is 405 with Allow: GET, POST', async () => {
    const reply = await api.call('DELETE', '/v2/alarms');
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, POST');
  });
});

describe('x-openstack-request-id (§6.1)', () => {
  it('is on every /v2 response, success or error, and differs per request', async () => {
    const created = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm() });
    const id = (created.body as { alarm_id: string }).alarm_id;
    const replies = [
      created,
      await api.call('GET', '/v2/alarms', { as: MEMBER }),
      await api.call('GET', `/v2/alarms/${id}`, { as: MEMBER }),
      await api.call('GET', '/v2/capabilities', { as: MEMBER }),
      await api.call('POST', '/v2/alarms', { as: MEMBER, rawBody: '{not json' }), // 400
      await api.call('GET', '/v2/alarms', { as: null }), // 401
      await api.call('DELETE', `/v2/alarms/${id}`, { as: READER }), // 403
      await api.call('GET', '/v2/metrics', { as: MEMBER }), // 403
      await api.call('GET', '/v2/alarms/does-not-exist', { as: MEMBER }), // 404
      await api.call('DELETE', `/v2/alarms/${id}`, { as: MEMBER }), // 204
    ];
    expect(replies.map((reply) => reply.status)).toEqual([201, 200, 200, 200, 400, 401, 403, 403, 404, 204]);
    const ids = replies.map((reply) => reply.headers.get('x-openstack-request-id'));
    for (const requestId of ids) expect(requestId).toMatch(REQUEST_ID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('GET /v2/capabilities (§6.13)', () => {
  it.each([ADMIN, MEMBER, READER])('answers the capability document to %o', async (caller) => {
    const reply = await api.call('GET', '/v2/capabilities', { as: caller });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      api: {
        'alarms:query:simple': true,
        'alarms:query:complex': true,
        'alarms:history:query:simple': true,
        'alarms:history:query:complex': true,
      },
      alarm_storage: { 'storage:production_ready': true },
    });
  });

  it('needs an identity', async () => {
    expectError(await api.call('GET', '/v2/capabilities', { as: null }), 401);
  });
});

describe('GET /v2/metrics (§6.15, evaluation metrics disabled)', () => {
  it.each([ADMIN, MEMBER, READER])('is 403 `metrics endpoint is disabled` for %o', async (caller) => {
    expectError(await api.call('GET', '/v2/metrics', { as: caller }), 403, 'metrics endpoint is disabled');
    expectError(await api.call('GET', '/v2/metrics?all_projects=true', { as: caller }), 403, 'metrics endpoint is disabled');
  });

  it('needs an identity', async () => {
    expectError(await api.call('GET', '/v2/metrics', { as: null }), 401);
  });
});
