import { describe, expect, it } from 'vitest';
import { createAuthorizeHandler } from '../../../functions/authorize/app.js';
import { type AuthorizerSettings, readAuthorizerSettings } from '../../../functions/runtime/keystone-env.js';
import { lazyKeystoneValidator } from '../../../functions/runtime/keystone-wiring.js';
import { MemorySecretSource } from '../../../shared/adapters/memory/memory-secret-source.js';
import { KeystoneTokenValidator } from '../../../shared/identity/keystone/token-validator.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:aodh-keystone-AbCdEf';
const settings: AuthorizerSettings = {
  url: 'http://127.0.0.1:9/v3', username: 'aodh', password: { secretId: SECRET }, project: 'service', userDomain: 'Default', projectDomain: 'Default', cacheTtlSeconds: 300,
};

describe('the Keystone authorizer wiring', () => {
  it('reads the password from the secret on first use, and tries again after a failed read', async () => {
    const secrets = new MemorySecretSource();
    let reads = 0;
    const validator = lazyKeystoneValidator(settings, () => (reads++, secrets));
    await expect(validator()).rejects.toThrow();
    secrets.put(SECRET, 'pw');
    expect(await validator()).toBeInstanceOf(KeystoneTokenValidator);
    expect(await validator()).toBe(await validator());
    expect(reads).toBe(2);
  });

  it('lets every request through, saying unavailable (→ 503) when the password cannot be read', async () => {
    const handler = createAuthorizeHandler(lazyKeystoneValidator(settings, () => new MemorySecretSource()));
    expect(await handler({ headers: { 'x-auth-token': 'gAAAA-token' } })).toEqual({ isAuthorized: true, context: { keystone: 'unavailable' } });
    expect(await handler({ headers: {} })).toEqual({ isAuthorized: true, context: { keystone: 'invalid' } });
  });

  it('needs the URL and a password or its secret', () => {
    expect(() => readAuthorizerSettings({ KEYSTONE_URL: 'http://ks/v3' })).toThrow(/KEYSTONE_SERVICE_PASSWORD or KEYSTONE_SERVICE_PASSWORD_SECRET/);
    expect(() => readAuthorizerSettings({ KEYSTONE_SERVICE_PASSWORD: 'pw' })).toThrow(/KEYSTONE_URL must be set/);
    expect(readAuthorizerSettings({ KEYSTONE_URL: 'http://ks/v3/', KEYSTONE_SERVICE_PASSWORD: 'pw' })).toMatchObject({ url: 'http://ks/v3', password: { value: 'pw' }, username: 'aodh', project: 'service', cacheTtlSeconds: 300 });
  });
});
