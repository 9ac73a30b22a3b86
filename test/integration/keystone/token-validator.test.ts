import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../shared/errors.js';
import { KeystoneTokenValidator, type KeystoneTokenValidatorOptions } from '../../../shared/identity/keystone/token-validator.js';
import { freePort } from '../../../infra/local/free-port.js';
import { issueToken } from '../../support/keystone-admin.js';
import { type KeystoneHarness, startKeystone } from '../../support/keystone.js';

// Against the real Keystone (Debian python3-keystone), started on loopback for this file.
let keystone: KeystoneHarness;
let projectId: string;
let aliceId: string;
const service = { username: 'aodh', password: 'aodh-service-pw', project: 'service' };
const alice = { user: 'alice', password: 'alice-pw', project: 'tenant-a' };

beforeAll(async () => {
  keystone = await startKeystone();
  const serviceProject = await keystone.admin.createProject('service');
  await keystone.admin.userOn({ id: serviceProject }, service.username, service.password, ['admin']);
  projectId = await keystone.admin.createProject(alice.project);
  aliceId = await keystone.admin.userOn({ id: projectId }, alice.user, alice.password, ['member']);
}, 300_000);

afterAll(async () => {
  await keystone?.stop();
});

/** Real fetch, counted: how many calls reach Keystone. */
function countedFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls += 1;
      return fetch(input, init);
    },
    calls: () => calls,
  };
}

function validator(options: Partial<KeystoneTokenValidatorOptions> = {}): KeystoneTokenValidator {
  return new KeystoneTokenValidator({ url: keystone.url, service, ...options });
}

describe('Keystone token validation (real Keystone)', () => {
  it("maps a member's project-scoped token to user, project and roles (implied roles included)", async () => {
    const { token } = await issueToken(keystone.url, alice);
    const info = await validator().validate(token);
    expect(info).toMatchObject({ userId: aliceId, projectId, isAdminProject: true });
    expect(info?.roles).toEqual(expect.arrayContaining(['member', 'reader']));
    expect(info?.roles).not.toContain('admin');
  });

  it('answers undefined for a token Keystone does not know, and for an oversized one without asking', async () => {
    const counted = countedFetch();
    const subject = validator({ fetch: counted.fetch });
    expect(await subject.validate('gAAAAABnot-a-real-token')).toBeUndefined();
    const before = counted.calls();
    expect(await subject.validate('x'.repeat(9_000))).toBeUndefined();
    expect(await subject.validate('')).toBeUndefined();
    expect(counted.calls()).toBe(before);
  });

  it('asks Keystone once per token within the cache TTL, and once for concurrent requests', async () => {
    const { token } = await issueToken(keystone.url, alice);
    const counted = countedFetch();
    const subject = validator({ fetch: counted.fetch });
    await Promise.all([subject.validate(token), subject.validate(token), subject.validate(token)]);
    await subject.validate(token);
    // One service sign-in and one validation.
    expect(counted.calls()).toBe(2);
  });

  it('honours a revocation once the cache TTL has passed, and at once with the cache off', async () => {
    const { token } = await issueToken(keystone.url, alice);
    let now = Date.now();
    const cached = validator({ cacheTtlMs: 60_000, now: () => now });
    const uncached = validator({ cacheTtlMs: 0 });
    expect(await cached.validate(token)).toBeDefined();
    await keystone.admin.revoke(token);
    expect(await uncached.validate(token)).toBeUndefined();
    expect(await cached.validate(token)).toBeDefined();
    now += 61_000;
    expect(await cached.validate(token)).toBeUndefined();
  });

  it('re-validates a cached token shortly before it expires, whatever the TTL', async () => {
    const issued = await issueToken(keystone.url, alice);
    const counted = countedFetch();
    let now = Date.now();
    const subject = validator({ fetch: counted.fetch, cacheTtlMs: 24 * 3600_000, now: () => now });
    await subject.validate(issued.token);
    const calls = counted.calls();
    now = Date.parse(issued.expiresAt) - 10_000;
    await subject.validate(issued.token);
    expect(counted.calls()).toBeGreaterThan(calls);
  });

  it("signs the service in again when Keystone refuses the service's token (revoked)", async () => {
    const serviceTokens: string[] = [];
    const watching: typeof fetch = (input, init) => {
      const sent = new Headers(init?.headers).get('x-auth-token');
      if (sent) serviceTokens.push(sent);
      return fetch(input, init);
    };
    const subject = validator({ fetch: watching, cacheTtlMs: 0 });
    expect(await subject.validate((await issueToken(keystone.url, alice)).token)).toBeDefined();
    const [inUse] = serviceTokens;
    if (!inUse) throw new Error('the validator sent no service token');
    await keystone.admin.revoke(inUse);
    expect(await subject.validate((await issueToken(keystone.url, alice)).token)).toBeDefined();
    expect(new Set(serviceTokens).size).toBe(2);
  });

  it('is unavailable, never "invalid", when Keystone is down or refuses the service credentials', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v3`;
    await expect(new KeystoneTokenValidator({ url: closed, service, timeoutMs: 2_000 }).validate('some-token')).rejects.toBeInstanceOf(ServiceUnavailableError);
    const wrongPassword = validator({ service: { ...service, password: 'wrong' } });
    const { token } = await issueToken(keystone.url, alice);
    const failure = await wrongPassword.validate(token).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect(String((failure as Error).message)).not.toContain('wrong');
  });
});
