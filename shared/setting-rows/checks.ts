import type { Check } from './setting.js';

export function isUrl(text: string, protocols: string[]): boolean {
  return URL.canParse(text) && protocols.includes(new URL(text).protocol);
}

/** `*` or a bare origin (scheme://host[:port]), the form the Origin header is compared with. */
export function isOrigin(text: string): boolean {
  return text === '*' || (isUrl(text, ['http:', 'https:']) && new URL(text).origin === text);
}

export const HTTP_URL: Check<string> = { expected: 'an http(s) URL', valid: (s) => isUrl(s, ['http:', 'https:']) };
export const NON_NEGATIVE: Check<number> = { expected: 'an integer ≥ 0', valid: (n) => n >= 0 };
export const POSITIVE: Check<number> = { expected: 'an integer ≥ 1', valid: (n) => n >= 1 };
