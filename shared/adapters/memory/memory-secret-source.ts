import { ServiceUnavailableError } from '../../errors.js';
import type { SecretSource } from '../../ports/secret-source.js';

/** Secrets held in a map, for tests and `npm start`; an unknown id fails as the store's would. */
export class MemorySecretSource implements SecretSource {
  private readonly secrets: Map<string, string>;

  constructor(secrets: Record<string, string> = {}) {
    this.secrets = new Map(Object.entries(secrets));
  }

  put(id: string, value: string): void {
    this.secrets.set(id, value);
  }

  async get(id: string): Promise<string> {
    const value = this.secrets.get(id);
    if (value === undefined) throw new ServiceUnavailableError('The identity service is not available.', { cause: new Error(`no secret ${id}`) });
    return value;
  }
}
