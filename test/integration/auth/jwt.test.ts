import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer, type JwtAuthorizer } from '../../support/jwt-authorizer.js';
import { expectError } from '../../api/support.js';
import { alarmBody, startTestApi, type ApiReply, type TestApi } from '../../support/test-api.js';
import { startTestIssuer, type SignOptions, type TestIssuer } from './jwks.js';

/**
 * The AWS authentication path end to end, offline: real RS256 tokens from a key made
 * here, verified against a JWKS served over HTTP by the local stand-in for API Gateway's
 * JWT authorizer, then mapped to an identity by the real API function (AUTH_MODE=jwt).
 */
const AUDIENCE = 'aodh-api';
/** The deployment's designated admin project (JWT_ADMIN_PROJECT_IDS). */
const ADMIN_PROJECT = 'cloud-admin';
const GATEWAY_401 = { message: 'Unauthorized' };

let idp: TestIssuer;
let authorizer: JwtAuthorizer;
let api: TestApi;

beforeAll(async () => {
  idp = await startTestIssuer(AUDIENCE);
  authorizer = createJwtAuthorizer({ issuer: idp.issuer, audience: ['other-app', AUDIENCE] });
  api = await startTestApi({ AUTH_MODE: 'jwt', JWT_ADMIN_PROJECT_IDS: ADMIN_PROJECT }, { authorizer });
});

afterAll(async () => {
  await api?.stop();
  await idp?.stop();
});

type Json = Record<string, unknown>;

/** A caller in a fresh project, so tests never see each other's alarms. */
function caller(roles: unknown, extra: Json = {}): Json {
  return { sub: `user-${randomUUID().slice(0, 8)}`, project_id: `project-${randomUUID().slice(0, 8)}`, roles, ...extra };
}

async function call(method: string, path: string, token: string | undefined, body?: unknown, scheme = 'Bearer '): Promise<ApiReply> {
  // `as: null`: no noauth headers, so only the token can identify the caller.
  return api.call(method, path, { as: null, ...(body !== undefined ? { body } : {}), headers: token === undefined ? {} : { authorization: `${scheme}${token}` } });
}

const signed = (claims: Json, options?: SignOptions) => idp.sign(claims, options);

describe('a valid token reaches the function, which maps its claims', () => {
  it('lets a member create and list alarms in the project_id claim, owned by sub', async () => {
    const member = caller(['member']);
    const token = await signed(member);
    const created = await call('POST', '/v2/alarms', token, alarmBody({ name: 'jwt-owned' }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ project_id: member.project_id, user_id: member.sub });
    const listed = await call('GET', '/v2/alarms', token);
    expect(listed.status).toBe(200);
    expect((listed.body as Json[]).map((alarm) => [alarm.name, alarm.project_id])).toEqual([['jwt-owned', member.project_id]]);
  });

  it('refuses a reader a POST with 403', async () => {
    expectError(await call('POST', '/v2/alarms', await signed(caller(['reader'])), alarmBody()), 403, 'RBAC Authorization Failed');
  });

  it('gives the admin role admin behaviour in the admin project: all_projects lists other projects', async () => {
    const member = caller(['member']);
    const created = await call('POST', '/v2/alarms', await signed(member), alarmBody({ name: 'seen-by-admin' }));
    expect(created.status).toBe(201);
    const admin = await signed(caller(['admin'], { project_id: ADMIN_PROJECT }));
    const own = (await call('GET', '/v2/alarms', admin)).body as Json[];
    expect(own.map((alarm) => alarm.name)).not.toContain('seen-by-admin');
    const all = await call('GET', '/v2/alarms?q.field=all_projects&q.op=eq&q.value=true', admin);
    expect(all.status).toBe(200);
    expect((all.body as Json[]).map((alarm) => alarm.name)).toContain('seen-by-admin');
  });

  it('keeps the admin role (any case) of another project to that project: no all_projects, no quotas', async () => {
    const other = caller(['member']);
    expect((await call('POST', '/v2/alarms', await signed(other), alarmBody({ name: 'hidden-from-project-admin' }))).status).toBe(201);
    const projectAdmin = caller(['Admin']);
    const token = await signed(projectAdmin);
    expectError(await call('GET', '/v2/alarms?q.field=all_projects&q.op=eq&q.value=true', token), 403, 'RBAC Authorization Failed');
    expectError(await call('POST', '/v2/quotas', token, { project_id: other.project_id, quotas: [{ resource: 'alarms', limit: 1 }] }), 403, 'RBAC Authorization Failed');
    // Its own project it still manages, as Keystone's admin role implies member there.
    const own = await call('POST', '/v2/alarms', token, alarmBody({ name: 'project-admin-own' }));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ project_id: projectAdmin.project_id });
  });

  it('maps roles given as API Gateway\'s "[member reader]" string claim', async () => {
    const token = await signed(caller('[Member reader]'));
    expect((await call('POST', '/v2/alarms', token, alarmBody())).status).toBe(201);
  });

  it('accepts the bare token without "Bearer", as API Gateway does', async () => {
    expect((await call('GET', '/v2/alarms', await signed(caller(['member'])), undefined, ''))).toMatchObject({ status: 200 });
  });

  it('accepts client_id in place of an absent aud (Cognito access tokens)', async () => {
    const token = await signed(caller(['member'], { client_id: AUDIENCE }), { audience: null });
    expect((await call('GET', '/v2/alarms', token)).status).toBe(200);
  });

  it('answers the function\'s own 401 when the verified token has no project_id', async () => {
    const { project_id: _dropped, ...claims } = caller(['member']);
    expectError(await call('GET', '/v2/alarms', await signed(claims)), 401, 'The request you have made requires authentication.');
  });
});

describe('the gateway refuses bad tokens with its bare 401 before the function runs', () => {
  const cases: Array<[string, () => Promise<string | undefined>, string?]> = [
    ['no Authorization header', () => Promise.resolve(undefined)],
    ['a token that is not a JWT', () => Promise.resolve('not-a-jwt')],
    ['an expired token', () => signed(caller(['member']), { expiresIn: -60 })],
    ['a token without exp', () => signed(caller(['member']), { expiresIn: null })],
    ['a wrong audience', () => signed(caller(['member']), { audience: 'someone-else' })],
    ['no aud and a wrong client_id', () => signed(caller(['member'], { client_id: 'someone-else' }), { audience: null })],
    ['a wrong issuer', () => signed(caller(['member']), { issuer: 'https://evil.example' })],
    ['a token signed by another key under the same kid', () => signed(caller(['member']), { key: 'stranger' })],
    ['a token without kid', () => signed(caller(['member']), { kid: null })],
    ['an unknown kid', () => signed(caller(['member']), { kid: 'rotated-away' })],
    ['an ES256 token (API Gateway verifies RSA only)', () => signed(caller(['member']), { key: 'ec' })],
  ];

  it.each(cases)('%s', async (_name, token) => {
    const reply = await call('POST', '/v2/alarms', await token(), alarmBody());
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(GATEWAY_401);
    // API Gateway's answer, not the function's: no OpenStack request id.
    expect(reply.headers.get('x-openstack-request-id')).toBeNull();
  });
});

describe('the refusals are for the stated reason', () => {
  it('accepts the same ES256 token once ES256 is allowed: the algorithm rule refused it', async () => {
    const lenient = createJwtAuthorizer({ issuer: idp.issuer, audience: [AUDIENCE], algorithms: ['RS256', 'ES256'] });
    expect(await lenient(`Bearer ${await signed(caller(['member']), { key: 'ec' })}`)).toHaveProperty('claims');
  });

  it('throws rather than answering 401 when the JWKS cannot be fetched (an outage is not a bad token)', async () => {
    const unreachable = createJwtAuthorizer({ issuer: idp.issuer, audience: [AUDIENCE], jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    await expect(unreachable(`Bearer ${await signed(caller(['member']))}`)).rejects.toThrow();
  });
});

describe('the claims the function receives', () => {
  it('are formatted as API Gateway does: strings, arrays as "[a b]"', async () => {
    const claims = caller(['member', 'reader'], { admin: true, level: 3, org: { b: 'x', a: ['y', 'z'] } });
    const result = await authorizer(`Bearer ${await signed(claims)}`);
    if ('status' in result) throw new Error('expected the token to verify');
    expect(result.scopes).toBeNull();
    expect(result.claims).toMatchObject({
      sub: claims.sub,
      project_id: claims.project_id,
      roles: '[member reader]',
      admin: 'true',
      level: '3',
      org: 'map[a:[y z] b:x]',
      aud: AUDIENCE,
      iss: idp.issuer,
      exp: expect.stringMatching(/^\d+$/),
    });
  });
});
