import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../shared/errors.js';
import type { SecretSource } from '../../../shared/ports/secret-source.js';

/** A source holding `secrets` (id → text), plus a way to make its store fail. */
export interface SecretSourceUnderTest {
  source: SecretSource;
  /** The next read fails as the store would when it is down (memory: undefined = not applicable). */
  breakNextRead?: () => void;
}

export type MakeSecretSource = (secrets: Record<string, string>) => Promise<SecretSourceUnderTest>;

const ID = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:aodh-keystone-AbCdEf';

/** The SecretSource port's behaviour, which every adapter must pass. */
export function secretSourceContract(name: string, make: MakeSecretSource): void {
  describe(`SecretSource contract: ${name}`, () => {
    it('reads the text of a secret, exactly, every time it is asked', async () => {
      const { source } = await make({ [ID]: 'p@ss wörd\n', other: 'x' });
      expect(await source.get(ID)).toBe('p@ss wörd\n');
      expect(await source.get('other')).toBe('x');
    });

    it('fails with ServiceUnavailableError for a secret it does not hold, never with the id as a value', async () => {
      const { source } = await make({});
      await expect(source.get(ID)).rejects.toBeInstanceOf(ServiceUnavailableError);
    });

    it('fails with ServiceUnavailableError when the store cannot answer, and reads again afterwards', async () => {
      const { source, breakNextRead } = await make({ [ID]: 'pw' });
      if (!breakNextRead) return;
      breakNextRead();
      await expect(source.get(ID)).rejects.toBeInstanceOf(ServiceUnavailableError);
      expect(await source.get(ID)).toBe('pw');
    });
  });
}
