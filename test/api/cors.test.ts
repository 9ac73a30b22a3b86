import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError } from './support.js';

const ALLOWED = 'https://a.example';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ CORS_ALLOWED_ORIGINS: ALLOWED });
});

afterAll(async () => {
  await api?.stop();
});

describe('CORS (CORS_ALLOWED_ORIGINS)', () => {
  it('echoes an allowed origin on / and on /v2 responses', async () => {
    const root = await api.call('GET', '/', { as: null, headers: { origin: ALLOWED } });
    expect(root.status).toBe(200);
    expect(root.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const list = await api.call('GET', '/v2/alarms', { as: MEMBER, headers: { origin: ALLOWED } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('lets the browser read x-openstack-request-id and Location', async () => {
    const list = await api.call('GET', '/v2/alarms', { as: MEMBER, headers: { origin: ALLOWED } });
    const exposed = (list.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('x-openstack-request-id');
    expect(exposed).toContain('location');
  });

  it('also answers errors with the CORS header, so the browser can read the envelope', async () => {
    const reply = await api.call('GET', '/v2/alarms/nope', { as: MEMBER, headers: { origin: ALLOWED } });
    expectError(reply, 404, 'Alarm nope not found');
    expect(reply.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('does not allow another origin', async () => {
    for (const origin of ['https://b.example', 'https://a.example.evil.com', 'http://a.example']) {
      const reply = await api.call('GET', '/v2/alarms', { as: MEMBER, headers: { origin } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers an OPTIONS preflight without identity', async () => {
    const reply = await api.call('OPTIONS', '/v2/alarms', {
      as: null,
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-auth-token' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    // oslo echoes the requested method and headers once it has checked them.
    expect(reply.headers.get('access-control-allow-methods')).toBe('POST');
    const headers = (reply.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(headers).toContain('content-type');
    expect(headers).toContain('x-auth-token');
  });

  it('does not grant a preflight to another origin', async () => {
    const reply = await api.call('OPTIONS', '/v2/alarms', {
      as: null,
      headers: { origin: 'https://b.example', 'access-control-request-method': 'POST' },
    });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});
