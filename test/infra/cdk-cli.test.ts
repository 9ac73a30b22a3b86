import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'aodh-cdk-out-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The operator's command, as the README gives it: no AWS credentials, no network lookups, no Docker. */
describe('npx cdk synth', () => {
  it('synthesizes both stacks offline with no credentials', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_')));
    await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', out], { env: { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, timeout: 120_000 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack').map(([name]) => name);
    expect(stacks.sort()).toEqual(['Aodh-dev-Service', 'Aodh-dev-Stateful']);
  }, 150_000);

  it('refuses a noauth deployment that was not opted into, naming the setting', async () => {
    const failure = await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', out, '-c', 'authMode=noauth'], { timeout: 120_000 }).then(
      () => undefined,
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    expect(failure).toContain('allowNoauth');
  }, 150_000);
});
