import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../shared/errors.js';
import { errorForStatus, errorForTransport, parseRetryAfter } from '../../../shared/notifiers/webhook/classify.js';
import { parseWebhookAction, sslVerifyOverride } from '../../../shared/notifiers/webhook/config.js';
import { AddressRefusedError, refusalOf } from '../../../shared/notifiers/webhook/network-policy.js';
import { expectThrows } from '../../support/expect-error.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 2, 1, 10, 0, 0);
  it.each([
    ['1', 1_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Fri, 01 Mar 2024 10:00:30 GMT', 30_000],
    ['Friday, 01-Mar-24 10:00:30 GMT', 30_000],
    ['Fri, 01 Mar 2024 09:00:00 GMT', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2024', 2_024_000],
    ['Fri, 01 Mar 2024', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('errorForStatus / errorForTransport', () => {
  it('passes 2xx and classifies the rest, naming only the secret-free target', () => {
    expect(errorForStatus(204, 'No Content', 'http://h/')).toBeUndefined();
    expect(errorForStatus(503, 'Service Unavailable', 'http://h/', '2')).toEqual(new RetryableDeliveryError('POST http://h/ answered 503 Service Unavailable', 2_000));
    expect(errorForStatus(404, '', 'http://h/')).toEqual(new PermanentDeliveryError('POST http://h/ answered 404'));
  });

  it('makes policy refusals and certificate failures permanent, other transport errors retryable', () => {
    expect(errorForTransport(new AddressRefusedError('h', '10.0.0.1', 'a private address'), 't', false)).toBeInstanceOf(PermanentDeliveryError);
    expect(errorForTransport(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 't', false)).toBeInstanceOf(PermanentDeliveryError);
    const reset = errorForTransport(Object.assign(new Error('socket hang up http://h/?token=leak'), { code: 'ECONNRESET' }), 't', false);
    expect(reset).toEqual(new RetryableDeliveryError('POST t failed: ECONNRESET'));
    expect(errorForTransport(new Error('aborted'), 't', true).message).toBe('POST t timed out');
  });
});

describe('refusalOf', () => {
  const closed = { allowPrivateNetworks: false, allowLoopback: false };
  const open = { allowPrivateNetworks: true, allowLoopback: true };
  it.each([
    ['169.254.169.254', 'a cloud metadata address', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address', 'a cloud metadata address'],
    ['::ffff:a9fe:a9fe', 'a cloud metadata address', 'a cloud metadata address'],
    ['169.254.1.1', 'a link-local address', 'a link-local address'],
    ['fe80::abcd', 'a link-local address', 'a link-local address'],
    ['0.0.0.0', 'an unspecified address', 'an unspecified address'],
    ['::', 'an unspecified address', 'an unspecified address'],
    ['127.8.9.10', 'a loopback address', undefined],
    ['::1', 'a loopback address', undefined],
    ['::ffff:127.0.0.1', 'a loopback address', undefined],
    ['10.1.2.3', 'a private address', undefined],
    ['172.31.255.255', 'a private address', undefined],
    ['192.168.0.1', 'a private address', undefined],
    ['100.127.0.1', 'a private address', undefined],
    ['fd12::1', 'a private address', undefined],
    ['172.32.0.1', undefined, undefined],
    ['100.128.0.1', undefined, undefined],
    ['8.8.8.8', undefined, undefined],
    ['2001:4860::8888', undefined, undefined],
  ])('%s: closed → %j, open → %j', (address, whenClosed, whenOpen) => {
    expect(refusalOf(address, closed)).toBe(whenClosed);
    expect(refusalOf(address, open)).toBe(whenOpen);
  });
});

describe('parseWebhookAction', () => {
  it('reads host, port, path with query, TLS choice and Basic auth', () => {
    expect(parseWebhookAction(new URL('https://u%20x:p%3Aw@[::1]:8443/a/b?c=1&aodh-alarm-ssl-verify=0#frag'), { verifyTls: true })).toEqual({
      https: true,
      host: '::1',
      port: 8443,
      path: '/a/b?c=1&aodh-alarm-ssl-verify=0',
      verifyTls: false,
      authorization: `Basic ${Buffer.from('u x:p:w').toString('base64')}`,
      display: 'https://[::1]:8443/a/b?c=1&aodh-alarm-ssl-verify=0',
    });
    expect(parseWebhookAction(new URL('http://h'), { verifyTls: true })).toMatchObject({ https: false, port: 80, path: '/', verifyTls: false });
  });

  it.each([
    ['?aodh-alarm-ssl-verify=1', true],
    ['?aodh-alarm-ssl-verify=0', false],
    ['?aodh-alarm-ssl-verify=+0', false],
    ['?aodh-alarm-ssl-verify=%2010%20', true],
    ['?aodh-alarm-ssl-verify=1_0', true],
    ['?aodh-alarm-ssl-verify=0&aodh-alarm-ssl-verify=1', true],
    ['?aodh-alarm-ssl-verify=1&aodh-alarm-ssl-verify=', true],
    ['?aodh-alarm-ssl-verify=', undefined],
    ['?other=1', undefined],
  ])('aodh-alarm-ssl-verify %s → %j', (query, expected) => {
    expect(sslVerifyOverride(new URL(`https://h/${query}`))).toBe(expected);
  });

  it('refuses a non-integer aodh-alarm-ssl-verify, naming the redacted action', () => {
    expectThrows(
      () => parseWebhookAction(new URL('https://u:pw@h/x?token=t0k&aodh-alarm-ssl-verify=yes'), { verifyTls: true }),
      PermanentDeliveryError,
      'Invalid aodh-alarm-ssl-verify value "yes" in action https://h/x?token=REDACTED&aodh-alarm-ssl-verify=yes: expected an integer',
    );
  });
});
