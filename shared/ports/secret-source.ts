/**
 * Reads a secret (the Keystone service password) by its id: a Secrets Manager ARN in AWS, a
 * name in the memory adapter. Never logged, never cached here: the caller decides how long.
 *
 * Failure contract: ServiceUnavailableError (shared/errors.ts) when the secret cannot be read
 * now (store down, throttled, access denied, missing or not text); callers answer 503, never 500.
 */
export interface SecretSource {
  get(id: string): Promise<string>;
}
