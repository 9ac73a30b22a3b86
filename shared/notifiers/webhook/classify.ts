import { PermanentDeliveryError, RetryableDeliveryError } from '../../errors.js';
import { AddressRefusedError } from './network-policy.js';

/**
 * Statuses worth another try besides 5xx: the receiver is rate-limiting us (429) or gave up
 * waiting for our request (408). As Alertmanager's Retrier, everything else non-2xx is
 * permanent: the receiver understood the request and refused it.
 *
 * Aodh differs on purpose (§13.22): it logs any status and counts it as delivered. We
 * classify so that a receiver that is down gets the notification once it is back.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429]);

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || RETRYABLE_STATUSES.has(status);
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Anything else is ignored, as is a date in the past (0: retry at once).
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse also accepts loose forms ("2024", "1"); require the weekday-and-GMT shape of HTTP-dates.
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error for a response, or undefined for 2xx. `target` is already secret-free. */
export function errorForStatus(status: number, statusText: string, target: string, retryAfter?: string): Error | undefined {
  if (status >= 200 && status < 300) return undefined;
  const message = `POST ${target} answered ${status}${statusText ? ` ${statusText}` : ''}`;
  if (isRetryableStatus(status)) return new RetryableDeliveryError(message, parseRetryAfter(retryAfter));
  // Redirects land here too: following one would let a receiver send us past the network policy.
  return new PermanentDeliveryError(message);
}

/**
 * Certificate problems the receiver (or our CA bundle) must fix; retrying cannot help.
 * Node uses OpenSSL's verify-error names as `code`.
 */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Transport failures: refused by our policy or by a certificate check → permanent; anything
 * else (refused or reset connection, DNS failure, timeout, abort) → retryable. Messages are
 * built from the error code only: Node's own messages are not ours to vouch for.
 */
export function errorForTransport(error: unknown, target: string, timedOut: boolean): Error {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (error instanceof AddressRefusedError) return new PermanentDeliveryError(`POST ${target} refused: ${error.message}`, { cause: error });
  if (code && CERTIFICATE_CODES.has(code)) return new PermanentDeliveryError(`POST ${target} failed TLS verification: ${code}`, { cause: error });
  if (timedOut) return new RetryableDeliveryError(`POST ${target} timed out`, undefined, { cause: error });
  return new RetryableDeliveryError(`POST ${target} failed: ${code ?? (error instanceof Error ? error.name : 'unknown error')}`, undefined, { cause: error });
}
