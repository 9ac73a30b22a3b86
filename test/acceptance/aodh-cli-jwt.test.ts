import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer } from '../support/jwt-authorizer.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestIssuer, type TestIssuer } from '../integration/auth/jwks.js';

const run = promisify(execFile);

/**
 * JWT mode with the unchanged OpenStack client: `--os-auth-type admin_token` sends the JWT as
 * X-Auth-Token straight to `--os-endpoint`, and the local JWT authorizer (API Gateway's
 * stand-in) verifies it there just as it does a bearer token.
 */
const AUDIENCE = 'aodh-api';
let idp: TestIssuer;
let api: TestApi;

beforeAll(async () => {
  idp = await startTestIssuer(AUDIENCE);
  api = await startTestApi({ AUTH_MODE: 'jwt' }, { authorizer: createJwtAuthorizer({ issuer: idp.issuer, audience: [AUDIENCE] }) });
});

afterAll(async () => {
  await api?.stop();
  await idp?.stop();
});

async function aodh(token: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OS_')));
  return run('/usr/bin/python3', ['/usr/bin/aodh', '--os-auth-type', 'admin_token', '--os-token', token, '--os-endpoint', `${api.url}/`, ...args], { timeout: 60_000, env });
}

describe('the aodh CLI with a JWT as its token (JWT mode)', () => {
  it("lists and creates as the token's sub and project_id", async () => {
    const token = await idp.sign({ sub: 'jwt-user', project_id: 'jwt-project', roles: ['member'] });
    expect(JSON.parse((await aodh(token, 'alarm', 'list', '-f', 'json')).stdout)).toEqual([]);
    const created = JSON.parse((await aodh(token, 'alarm', 'create', '-f', 'json', '--name', 'jwt-ev', '-t', 'event', '--event-type', 'x.*')).stdout) as Record<string, unknown>;
    expect(created).toMatchObject({ name: 'jwt-ev', user_id: 'jwt-user', project_id: 'jwt-project' });
    const listed = JSON.parse((await aodh(token, 'alarm', 'list', '-f', 'json')).stdout) as Array<{ name: string }>;
    expect(listed.map((alarm) => alarm.name)).toEqual(['jwt-ev']);
  }, 60_000);

  it('is refused with a token signed by a key the issuer never published', async () => {
    const forged = await idp.sign({ sub: 'jwt-user', project_id: 'jwt-project', roles: ['admin'] }, { key: 'stranger' });
    const failure = await aodh(forged, 'alarm', 'list', '-f', 'json').then(
      () => 'succeeded',
      (error: { stderr?: string }) => String(error.stderr),
    );
    expect(failure).toMatch(/Unauthorized|401/);
  }, 60_000);
});

describe('JWT in X-Auth-Token over plain HTTP', () => {
  it('is accepted as a bearer token is', async () => {
    const token = await idp.sign({ sub: 'u2', project_id: 'p2', roles: ['reader'] });
    const reply = await api.call('GET', '/v2/alarms', { as: null, headers: { 'x-auth-token': token } });
    expect(reply.status).toBe(200);
    expect((await api.call('GET', '/v2/alarms', { as: null })).status).toBe(401);
  });
});
