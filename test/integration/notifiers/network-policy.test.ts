import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../../../shared/errors.js';
import type { WebhookOptions } from '../../../shared/notifiers/webhook/config.js';
import { WebhookNotifier } from '../../../shared/notifiers/webhook/notifier.js';
import { refusalOf, type Resolver } from '../../../shared/notifiers/webhook/network-policy.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';
import { sampleNotification } from './conformance.js';

const closed: WebhookOptions = { verifyTls: true, allowPrivateNetworks: false, allowLoopback: false, timeoutMs: 300 };
const open: WebhookOptions = { ...closed, allowPrivateNetworks: true, allowLoopback: true };

describe('WebhookNotifier network policy', () => {
  let receiver: WebhookReceiver;
  const notifiers: WebhookNotifier[] = [];
  const notifierWith = (settings: WebhookOptions, resolve?: Resolver) => {
    const notifier = new WebhookNotifier(settings, resolve ? { resolve } : {});
    notifiers.push(notifier);
    return notifier;
  };
  const attempt = (settings: WebhookOptions, action: string, resolve?: Resolver) => {
    const notifier = notifierWith(settings, resolve);
    return notifier.notify(new URL(action), sampleNotification, { notificationId: 'n', signal: AbortSignal.timeout(5_000) }).then(
      () => 'ok',
      (error: unknown) => error,
    );
  };
  /** A DNS that answers every name with `addresses`, counting its calls (what a rebinding attacker controls). */
  const fakeDns = (...addresses: string[]) => {
    const calls: string[] = [];
    const resolve: Resolver = async (hostname) => {
      calls.push(hostname);
      return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { calls, resolve };
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    for (const notifier of notifiers) notifier.close();
    await receiver.close();
  });

  it.each([
    ['a literal loopback IP', (port: number) => `http://127.0.0.1:${port}/`],
    ['another 127/8 address', (port: number) => `http://127.0.0.2:${port}/`],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
    ['a name that resolves to loopback (real DNS)', (port: number) => `http://localhost:${port}/`],
  ])('refuses %s unless loopback is allowed, sending nothing', async (_, action) => {
    const before = receiver.requests.length;
    const error = await attempt(closed, action(receiver.port));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(/ refused: .*a loopback address$/);
    expect(receiver.requests.length).toBe(before);
  });

  it('delivers to loopback, by address and by name, when it is allowed', async () => {
    expect(await attempt({ ...closed, allowLoopback: true }, `${receiver.url}/ip`)).toBe('ok');
    expect(await attempt({ ...closed, allowLoopback: true }, `http://localhost:${receiver.port}/name`)).toBe('ok');
    expect(receiver.requests.slice(-2).map((request) => request.url)).toEqual(['/ip', '/name']);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /a cloud metadata address$/],
    ['http://2852039166/latest/meta-data/', /a cloud metadata address$/],
    ['http://[fd00:ec2::254]/latest/meta-data/', /a cloud metadata address$/],
    ['http://[::ffff:169.254.169.254]/', /a cloud metadata address$/],
    ['http://169.254.170.2/v2/credentials', /a link-local address$/],
    ['http://[fe80::1]/', /a link-local address$/],
    ['http://0.0.0.0/', /an unspecified address$/],
  ])('always refuses %s, even with private and loopback allowed, without connecting', async (action, message) => {
    const started = Date.now();
    const error = await attempt(open, action);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(message);
    // Far below the 300 ms timeout: refused before any connection attempt.
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('refuses a name whose DNS answer is the metadata address, checking the address it would connect to', async () => {
    const dns = fakeDns('169.254.169.254');
    const error = await attempt(open, 'http://hooks.example.test/alarm', dns.resolve);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(/hooks\.example\.test resolves to 169\.254\.169\.254, a cloud metadata address$/);
    expect(dns.calls).toEqual(['hooks.example.test']);
  });

  it('refuses a public-looking name that resolves to loopback (DNS rebinding) when loopback is not allowed', async () => {
    const dns = fakeDns('127.0.0.1');
    const before = receiver.requests.length;
    const error = await attempt(closed, `http://rebind.example.test:${receiver.port}/`, dns.resolve);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(receiver.requests.length).toBe(before);
  });

  it('connects only to the allowed addresses of a mixed DNS answer', async () => {
    const dns = fakeDns('169.254.169.254', '127.0.0.1');
    expect(await attempt({ ...closed, allowLoopback: true }, `http://mixed.example.test:${receiver.port}/mixed`, dns.resolve)).toBe('ok');
    expect(receiver.requests.at(-1)?.headers.host).toBe(`mixed.example.test:${receiver.port}`);
  });

  it.each(['10.255.255.1', '172.16.0.1', '192.168.255.254', '100.64.0.1', '[fd12:3456::1]'])(
    'refuses private address %s unless private networks are allowed, and then lets it through the policy',
    async (host) => {
      const refused = await attempt(closed, `http://${host}:9/`);
      expect(refused).toBeInstanceOf(PermanentDeliveryError);
      expect((refused as Error).message).toMatch(/ refused: .* is a private address$/);
      // Allowed: the policy lets the address through. Checked on the policy itself, without a
      // socket: tests send traffic to loopback only, never to a private or public network.
      expect(refusalOf(host.replace(/^\[|\]$/g, ''), { allowLoopback: false, allowPrivateNetworks: true })).toBeUndefined();
    },
  );
});
