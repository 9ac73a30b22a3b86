import { AwsApiError, type FakeAwsServer, startFakeAwsServer } from './fake-aws-server.js';

/**
 * A local Secrets Manager speaking what @aws-sdk/client-secrets-manager speaks for
 * GetSecretValue (awsJson1_1, `X-Amz-Target: secretsmanager.GetSecretValue`), with a
 * missing secret answered as AWS does (400 ResourceNotFoundException).
 */
export interface SecretsManagerFake extends FakeAwsServer {
  put(id: string, value: string | { binary: string }): void;
  /** SecretIds asked for, in order. */
  asked: string[];
}

export async function startSecretsManagerFake(): Promise<SecretsManagerFake> {
  const secrets = new Map<string, string | { binary: string }>();
  const asked: string[] = [];
  const server = await startFakeAwsServer('awsJson1_1', ({ headers, body }) => {
    if (headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') throw new AwsApiError({ status: 400, code: 'UnknownOperationException' });
    const { SecretId } = JSON.parse(body) as { SecretId: string };
    asked.push(SecretId);
    const value = secrets.get(SecretId);
    if (value === undefined) throw new AwsApiError({ status: 400, code: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    const payload = typeof value === 'string' ? { SecretString: value } : { SecretBinary: value.binary };
    return { status: 200, body: JSON.stringify({ ARN: SecretId, Name: SecretId, VersionId: 'v1', VersionStages: ['AWSCURRENT'], ...payload }), headers: { 'Content-Type': 'application/x-amz-json-1.1' } };
  });
  return {
    ...server,
    asked,
    put: (id, value) => void secrets.set(id, value),
    reset() {
      server.reset();
      secrets.clear();
      asked.length = 0;
    },
  };
}
