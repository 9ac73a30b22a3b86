import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readNotifierSettings } from '../../../functions/runtime/env.js';
import { buildNotifyDeps } from '../../../functions/runtime/notify-wiring.js';
import { deployEnvironment } from '../../../infra/function-environment.js';
import { readDeploySettings } from '../../../infra/settings.js';
import { notifierSettings } from '../../../shared/notifiers/settings.js';
import { webhookOptions } from '../../../shared/notifiers/webhook/config.js';
import { SETTINGS } from '../../../shared/settings/table.js';

// A scheme's settings declared only in its folder (shared/notifiers/webhook/config.ts) reach the
// table, the Lambda runtime, the scheme's create and the CDK function environment with no code per row.
const notifier = { DELIVERIES_TABLE: 'deliveries', DEAD_LETTER_QUEUE_URL: 'http://dlq' };

function deploySettings(context: Record<string, string>) {
  return readDeploySettings(new Stack(new App({ context: { authMode: 'jwt', ...context } }), 'S').node);
}

describe('notifier scheme settings, declared in the scheme folder', () => {
  it('are rows of the one settings table, under their own keys and variables', () => {
    for (const [key, row] of Object.entries(notifierSettings)) {
      expect(SETTINGS).toHaveProperty(key);
      expect(SETTINGS[key as keyof typeof notifierSettings]).toMatchObject({ key, env: row.env, section: 'notifier' });
    }
    expect(SETTINGS.webhookTimeoutMs).toMatchObject({ env: 'WEBHOOK_TIMEOUT_MS', default: 5_000, deployTo: ['notifier'] });
  });

  it('are read generically into NotifierSettings.schemes: defaults, and set values', () => {
    expect(readNotifierSettings(notifier).schemes).toEqual({
      restNotifierSslVerify: true, webhookAllowPrivateNetworks: false, webhookAllowLoopback: false, webhookTimeoutMs: 5_000,
    });
    const schemes = readNotifierSettings({ ...notifier, WEBHOOK_TIMEOUT_MS: '750', REST_NOTIFIER_CERTIFICATE_FILE: '/opt/cert.pem' }).schemes;
    expect(schemes).toMatchObject({ webhookTimeoutMs: 750, restNotifierCertificateFile: '/opt/cert.pem' });
  });

  it("become the webhook's options in its create: PEM files read through readFile, absent rows at their defaults", () => {
    const read: string[] = [];
    const readFile = (path: string) => (read.push(path), `PEM of ${path}`);
    expect(webhookOptions({ restNotifierSslVerify: false, restNotifierCaBundleCertificatePath: '/ca.pem', restNotifierCertificateFile: '/cert.pem' }, readFile)).toEqual({
      verifyTls: false, allowPrivateNetworks: false, allowLoopback: false, timeoutMs: 5_000, caBundle: 'PEM of /ca.pem', clientCertificate: 'PEM of /cert.pem',
    });
    expect(read).toEqual(['/ca.pem', '/cert.pem']);
  });

  it('fail the cold start when a PEM path names no file, as before', () => {
    const settings = readNotifierSettings({ ...notifier, REST_NOTIFIER_CA_BUNDLE_CERTIFICATE_PATH: '/nonexistent/ca.pem' });
    expect(() => buildNotifyDeps(settings)).toThrow(/nonexistent\/ca\.pem/);
  });

  it('CDK context sets the deploy rows on the notify function only; the PEM paths never', () => {
    const settings = deploySettings({ webhookTimeoutMs: '2500', webhookAllowPrivateNetworks: 'true' });
    expect(settings.notifiers).not.toHaveProperty('restNotifierCertificateFile');
    expect(deployEnvironment('notifier', settings)).toEqual({
      WEBHOOK_ALLOW_LOOPBACK: 'false', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_TIMEOUT_MS: '2500', REST_NOTIFIER_SSL_VERIFY: 'true',
    });
    expect(deployEnvironment('api', settings)).not.toHaveProperty('WEBHOOK_TIMEOUT_MS');
  });
});
