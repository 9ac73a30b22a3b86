import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../support/keystone-admin.js';
import { type KeystoneHarness, keystoneModeEnv, startKeystone } from '../../support/keystone.js';
import { type LocalService, startLocalService } from '../../support/local-service.js';

// `npm start` with AUTH_MODE=keystone against the real Keystone: the local front runs the
// authorizer function before the API handler, as API Gateway does in AWS.
let keystone: KeystoneHarness;
let service: LocalService;
let projectId: string;
let aliceId: string;
const alice = { user: 'alice', password: 'alice-pw', project: 'tenant-a' };

beforeAll(async () => {
  keystone = await startKeystone();
  const keystoneMode = await keystoneModeEnv(keystone);
  projectId = await keystone.admin.createProject(alice.project);
  aliceId = await keystone.admin.userOn({ id: projectId }, alice.user, alice.password, ['member']);
  service = await startLocalService(keystoneMode);
}, 300_000);

afterAll(async () => {
  await service?.stop();
  await keystone?.stop();
});

const challenge = () => `Keystone uri='${keystone.url.replace(/\/v3$/, '')}'`;

function alarms(token?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${service.url}/v2/alarms`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { 'x-auth-token': token } : {}) } });
}

const eventAlarm = { name: 'ks-event', type: 'event', event_rule: { event_type: 'compute.instance.*' } };

describe('AUTH_MODE=keystone through npm start (real Keystone)', () => {
  it("creates and lists as the token's user and project, never the headers'", async () => {
    const { token } = await issueToken(keystone.url, alice);
    const created = await fetch(`${service.url}/v2/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': token, 'x-project-id': 'spoofed', 'x-roles': 'admin' },
      body: JSON.stringify(eventAlarm),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ project_id: projectId, user_id: aliceId });
    const listed = (await (await alarms(token)).json()) as Array<{ name: string }>;
    expect(listed.map((alarm) => alarm.name)).toEqual(['ks-event']);
  });

  it("answers a missing or unknown token with 401, Aodh's envelope and Keystone's challenge", async () => {
    for (const token of [undefined, 'gAAAAABnot-a-real-token']) {
      const response = await alarms(token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(challenge());
      expect(await response.json()).toEqual({ error_message: { faultcode: 'Client', faultstring: 'The request you have made requires authentication.', debuginfo: null } });
    }
  });

  it('refuses a token revoked before its first use', async () => {
    const { token } = await issueToken(keystone.url, alice);
    await keystone.admin.revoke(token);
    // Never seen before, so never cached: Keystone is asked and says no.
    expect((await alarms(token)).status).toBe(401);
  });

  it('answers 503 (never 500 nor 401) when Keystone cannot be reached', async () => {
    const { token } = await issueToken(keystone.url, alice);
    await keystone.stop();
    const response = await alarms(token);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error_message: { faultcode: 'Server', faultstring: 'The identity service is not available.', debuginfo: null } });
  });
});
