import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSecretSource } from '#shared/adapters/secrets-manager/secret-source.js';
import type { TokenValidator } from '#shared/identity/keystone/gateway-context.js';
import { KeystoneTokenValidator } from '#shared/identity/keystone/token-validator.js';
import type { SecretSource } from '#shared/ports/secret-source.js';
import type { AuthorizerSettings } from './keystone-env.js';

/**
 * The validator, built on first use: in AWS the password is read from Secrets Manager once per
 * cold start. A failed read is not kept, so the next request tries again (and gets a 503 meanwhile).
 */
export function lazyKeystoneValidator(settings: AuthorizerSettings, secrets: () => SecretSource = () => new SecretsManagerSecretSource(new SecretsManagerClient({}))): () => Promise<TokenValidator> {
  let validator: Promise<TokenValidator> | undefined;
  return () => {
    validator ??= (async () => {
      const password = 'value' in settings.password ? settings.password.value : await secrets().get(settings.password.secretId);
      return new KeystoneTokenValidator({
        url: settings.url,
        service: { username: settings.username, password, project: settings.project, userDomain: settings.userDomain, projectDomain: settings.projectDomain },
        cacheTtlMs: settings.cacheTtlSeconds * 1_000,
      });
    })();
    validator.catch(() => (validator = undefined));
    return validator;
  };
}
