import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceUnavailableError } from '../../errors.js';
import type { SecretSource } from '../../ports/secret-source.js';

/**
 * A Secrets Manager secret's current text (GetSecretValue, AWSCURRENT). Every failure, be it
 * the service, IAM or a binary secret, is ServiceUnavailableError: the password is needed to
 * say anything about a token, so without it the API can only answer 503.
 */
export class SecretsManagerSecretSource implements SecretSource {
  constructor(private readonly client: SecretsManagerClient) {}

  async get(id: string): Promise<string> {
    let text: string | undefined;
    try {
      text = (await this.client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString;
    } catch (error) {
      throw new ServiceUnavailableError('The identity service is not available.', { cause: error });
    }
    if (text === undefined) throw new ServiceUnavailableError('The identity service is not available.', { cause: new Error(`secret ${id} holds no text`) });
    return text;
  }
}
