import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemorySecretSource } from '../../../shared/adapters/memory/memory-secret-source.js';
import { SecretsManagerSecretSource } from '../../../shared/adapters/secrets-manager/secret-source.js';
import { ServiceUnavailableError } from '../../../shared/errors.js';
import { type SecretsManagerFake, startSecretsManagerFake } from '../../support/aws-fakes/secrets-manager-fake.js';
import { secretSourceContract } from './secret-source.contract.js';

let fake: SecretsManagerFake;
let client: SecretsManagerClient;
beforeAll(async () => {
  fake = await startSecretsManagerFake();
  // The real SDK client, one attempt so a scripted fault reaches the adapter.
  client = new SecretsManagerClient({ endpoint: fake.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await fake.stop();
});

secretSourceContract('memory', async (secrets) => ({ source: new MemorySecretSource(secrets) }));

secretSourceContract('Secrets Manager (real SDK client, local endpoint)', async (secrets) => {
  fake.reset();
  for (const [id, value] of Object.entries(secrets)) fake.put(id, value);
  return { source: new SecretsManagerSecretSource(client), breakNextRead: () => fake.failNext({ status: 500, code: 'InternalServiceError' }) };
});

it('Secrets Manager: a binary secret is no password (ServiceUnavailableError)', async () => {
  fake.reset();
  fake.put('bin', { binary: Buffer.from('pw').toString('base64') });
  await expect(new SecretsManagerSecretSource(client).get('bin')).rejects.toBeInstanceOf(ServiceUnavailableError);
  expect(fake.asked).toEqual(['bin']);
});
