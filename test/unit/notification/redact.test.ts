import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactUrl, scrubSecrets, secretsOf } from '../../../shared/notifiers/redact.js';

describe('redactUrl', () => {
  it.each([
    ['https://alice:s3cret@hooks.example/x?token=abc&keep=1', 'https://hooks.example/x?token=REDACTED&keep=1'],
    ['http://hooks.example/x?X-Amz-Signature=f00&X-Amz-Credential=AKIA%2F&X-Amz-Date=2024', 'http://hooks.example/x?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&X-Amz-Date=2024'],
    ['http://h/?api_key=1&apiKey=2&sig=3&password=4&secret=5&access_token=6&Authorization=7', 'http://h/?api_key=REDACTED&apiKey=REDACTED&sig=REDACTED&password=REDACTED&secret=REDACTED&access_token=REDACTED&Authorization=REDACTED'],
    ['https://h/x?aodh-alarm-ssl-verify=0&b=two%20words', 'https://h/x?aodh-alarm-ssl-verify=0&b=two%20words'],
    ['https://h/x?to%6Ben=abc', 'https://h/x?to%6Ben=REDACTED'],
    ['https://h/x#access_token=frag', 'https://h/x'],
    ['log://', 'log://'],
    ['sns://user:pw@arn:aws:sns:eu-west-1:123:topic?token=1', 'sns://arn:aws:sns:eu-west-1:123:topic?token=REDACTED'],
    ['not a url?token=abc', 'not a url?token=REDACTED'],
    ['bad://u:p@[::1?token=abc', 'bad://[::1?token=REDACTED'],
  ])('%s → %s', (action, expected) => {
    expect(redactUrl(action)).toBe(expected);
  });
});

describe('secretsOf / scrubSecrets', () => {
  it('finds userinfo parts and secret query values, raw and decoded', () => {
    expect(secretsOf('https://bob:p%40ss@h/?token=a%2Fb&keep=visible')).toEqual(['p%40ss', 'a%2Fb', 'p@ss', 'bob', 'a/b']);
  });

  it('replaces them wherever they appear in foreign text', () => {
    expect(scrubSecrets('connect to bob with p@ss failed, token a/b', 'https://bob:p%40ss@h/?token=a%2Fb')).toBe('connect to REDACTED with REDACTED failed, token REDACTED');
  });
});

describe('redaction property', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9_~-]{3,20}$/).map((text) => `S3CR3T${text}`);
  const param = fc.constantFrom('token', 'key', 'secret', 'sig', 'signature', 'password', 'X-Amz-Signature', 'X-Amz-Security-Token', 'api_key');

  it('never shows a userinfo part or a secret query value, whatever the URL', () => {
    fc.assert(
      fc.property(secret, secret, param, secret, fc.constantFrom('http', 'https', 'sns', 'log'), (user, password, name, value, scheme) => {
        const action = `${scheme}://${user}:${password}@host.example/p?a=1&${name}=${value}&z=2`;
        const shown = redactUrl(action);
        return ![user, password, value].some((part) => shown.includes(part)) && shown.includes('a=1') && shown.includes('z=2');
      }),
    );
  });
});
