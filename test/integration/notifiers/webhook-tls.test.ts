import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../../../shared/errors.js';
import type { WebhookOptions } from '../../../shared/notifiers/webhook/config.js';
import { WebhookNotifier } from '../../../shared/notifiers/webhook/notifier.js';
import { makeTestPki, startWebhookReceiver, type TestPki, type WebhookReceiver } from '../../support/webhook-receiver.js';
import { classify, sampleNotification } from './conformance.js';

const base: WebhookOptions = { verifyTls: true, allowPrivateNetworks: false, allowLoopback: true, timeoutMs: 2_000 };

describe('WebhookNotifier over TLS (a throwaway CA made with openssl)', () => {
  let pki: TestPki;
  let receiver: WebhookReceiver;
  let plain: WebhookReceiver;
  const notifiers: WebhookNotifier[] = [];
  const make = (settings: Partial<WebhookOptions> = {}) => {
    const notifier = new WebhookNotifier({ ...base, ...settings });
    notifiers.push(notifier);
    return { notifier, action: (path: string) => new URL(`${receiver.url}${path}`) };
  };
  const outcome = (settings: Partial<WebhookOptions>, path: string) => {
    const { notifier, action } = make(settings);
    return classify({ notifier, action: () => action(path) }, action(path));
  };

  beforeAll(async () => {
    pki = await makeTestPki();
    receiver = await startWebhookReceiver({ tls: { cert: pki.serverCert, key: pki.serverKey, requestClientCertificate: { ca: pki.caCert } } });
    plain = await startWebhookReceiver();
  }, 60_000);
  afterAll(async () => {
    for (const notifier of notifiers) notifier.close();
    await receiver.close();
    await plain.close();
    await pki.cleanup();
  });

  it('delivers when the CA bundle verifies the receiver', async () => {
    expect(await outcome({ caBundle: pki.caCert }, '/verified')).toBe('ok');
    expect(receiver.requests.at(-1)?.url).toBe('/verified');
  });

  it('fails permanently, without sending anything, when the certificate cannot be verified', async () => {
    const before = receiver.requests.length;
    const { notifier, action } = make();
    const error = await notifier.notify(action('/unverified?token=abc123'), sampleNotification, { notificationId: 'n', signal: AbortSignal.timeout(5_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(/failed TLS verification: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/);
    expect((error as Error).message).toContain('token=REDACTED');
    expect(receiver.requests.length).toBe(before);
  });

  it('skips verification for aodh-alarm-ssl-verify=0 and keeps the parameter in the posted URL', async () => {
    expect(await outcome({}, '/skip?x=1&aodh-alarm-ssl-verify=0')).toBe('ok');
    expect(receiver.requests.at(-1)?.url).toBe('/skip?x=1&aodh-alarm-ssl-verify=0');
  });

  it.each([
    ['the last occurrence wins (0 then 1)', {}, '/p?aodh-alarm-ssl-verify=0&aodh-alarm-ssl-verify=1', 'permanent'],
    ['the last occurrence wins (1 then 0)', {}, '/p?aodh-alarm-ssl-verify=1&aodh-alarm-ssl-verify=0', 'ok'],
    ['a blank value is ignored, as parse_qs drops it', {}, '/p?aodh-alarm-ssl-verify=0&aodh-alarm-ssl-verify=', 'ok'],
    ['any non-zero integer means verify', { verifyTls: false }, '/p?aodh-alarm-ssl-verify=%2B2', 'permanent'],
    ['1 turns verification on when the setting is off', { verifyTls: false }, '/p?aodh-alarm-ssl-verify=1', 'permanent'],
    ['the setting applies without the parameter', { verifyTls: false }, '/p', 'ok'],
    ['a value that is not an integer is a permanent failure', {}, '/p?aodh-alarm-ssl-verify=yes', 'permanent'],
  ] as const)('aodh-alarm-ssl-verify: %s', async (_, settings, path, expected) => {
    expect(await outcome(settings, path)).toBe(expected);
  });

  it('ignores aodh-alarm-ssl-verify on http (Aodh reads it for https only)', async () => {
    const { notifier } = make();
    expect(await classify({ notifier, action: () => new URL(plain.url) }, new URL(`${plain.url}/h?aodh-alarm-ssl-verify=nonsense`))).toBe('ok');
  });

  it('presents the client certificate when one is configured, and none otherwise', async () => {
    expect(await outcome({ caBundle: pki.caCert, clientCertificate: pki.clientCert, clientKey: pki.clientKey }, '/with-cert')).toBe('ok');
    expect(receiver.requests.at(-1)).toMatchObject({ url: '/with-cert', clientCertificateCn: pki.clientCn });
    expect(await outcome({ caBundle: pki.caCert }, '/without-cert')).toBe('ok');
    expect(receiver.requests.at(-1)?.clientCertificateCn).toBeUndefined();
  });

  it('takes the key from the certificate text when no separate key is configured (requests’ cert=<file>)', async () => {
    expect(await outcome({ caBundle: pki.caCert, clientCertificate: `${pki.clientCert}${pki.clientKey}` }, '/combined')).toBe('ok');
    expect(receiver.requests.at(-1)?.clientCertificateCn).toBe(pki.clientCn);
  });
});
