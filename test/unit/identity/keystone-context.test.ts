import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../shared/errors.js';
import { keystoneChallenge, keystoneContext, keystoneContextIdentity } from '../../../shared/identity/keystone/gateway-context.js';
import type { KeystoneTokenInfo } from '../../../shared/identity/keystone/token-validator.js';

const info = (overrides: Partial<KeystoneTokenInfo> = {}): KeystoneTokenInfo => ({
  userId: 'u1', projectId: 'p1', roles: ['admin', 'member', 'reader'], isAdminProject: true, expiresAt: Date.now() + 3_600_000, ...overrides,
});
const validator = (answer: () => Promise<KeystoneTokenInfo | undefined>) => async () => ({ validate: answer });

describe('the Keystone authorizer context', () => {
  it('carries a valid token as strings and maps it back to an identity', async () => {
    const context = await keystoneContext(validator(async () => info()), 'tok');
    expect(context).toEqual({ keystone: 'valid', user_id: 'u1', project_id: 'p1', roles: 'admin,member,reader', admin_project: 'true' });
    expect(keystoneContextIdentity.resolve({ headers: {}, claims: context })).toEqual({ userId: 'u1', projectId: 'p1', roles: ['admin', 'member', 'reader'] });
  });

  it('keeps the admin role cloud admin only in the admin project', async () => {
    const context = await keystoneContext(validator(async () => info({ isAdminProject: false })), 'tok');
    expect(keystoneContextIdentity.resolve({ headers: {}, claims: context })?.roles).toEqual(['member', 'reader']);
  });

  it('says invalid for no token or one Keystone refuses, unavailable when Keystone cannot say', async () => {
    expect(await keystoneContext(validator(async () => info()), undefined)).toEqual({ keystone: 'invalid' });
    expect(await keystoneContext(validator(async () => undefined), 'tok')).toEqual({ keystone: 'invalid' });
    const down = validator(async () => Promise.reject(new ServiceUnavailableError('down')));
    expect(await keystoneContext(down, 'tok')).toEqual({ keystone: 'unavailable' });
    expect(await keystoneContext(() => Promise.reject(new ServiceUnavailableError('no secret')), 'tok')).toEqual({ keystone: 'unavailable' });
  });

  it('resolves no identity without a valid context, and throws the 503 error for unavailable', () => {
    expect(keystoneContextIdentity.resolve({ headers: { 'x-project-id': 'p' } })).toBeUndefined();
    expect(keystoneContextIdentity.resolve({ headers: {}, claims: { keystone: 'invalid' } })).toBeUndefined();
    expect(() => keystoneContextIdentity.resolve({ headers: {}, claims: { keystone: 'unavailable' } })).toThrow(ServiceUnavailableError);
  });

  it("names the identity service without its version, as keystonemiddleware's challenge does", () => {
    expect(keystoneChallenge('http://ks:5000/v3')).toBe("Keystone uri='http://ks:5000'");
    expect(keystoneChallenge('http://ks:5000/identity/v3/')).toBe("Keystone uri='http://ks:5000/identity'");
  });
});
