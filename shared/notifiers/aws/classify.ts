import { PermanentDeliveryError, RetryableDeliveryError } from '../../errors.js';

/**
 * SDK error → delivery error, in the manner of Alertmanager's Retrier: what may clear up
 * by itself (throttling, 5xx, a dropped connection, a timeout, a clock/credential hiccup)
 * is retryable; everything else (missing resource, access denied, invalid parameter, a
 * disabled KMS key) will fail the same way next time and is permanent.
 *
 * The SDK has already retried retryable errors (maxAttempts) before we see them; this only
 * decides whether the delivery service should try again later.
 */

// Error names and codes across the four services: the SDK names query-protocol errors after
// the modelled shape (SNS `Throttled` → ThrottledException) but unmodelled ones after the code.
const THROTTLING = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'Throttled', 'TooManyRequestsException',
  'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceeded',
  'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded', 'SlowDown', 'PriorRequestNotComplete',
  'EC2ThrottledException', 'LimitExceededException', 'OverLimit',
  'KMSThrottling', 'KMSThrottlingException', 'KmsThrottled',
]);

const TRANSIENT = new Set([
  // Server side, whatever status the fault came with.
  'InternalError', 'InternalErrorException', 'InternalFailure', 'InternalException', 'InternalServerError',
  'ServiceException', 'ServiceUnavailable', 'ServiceUnavailableException',
  // The target exists but is briefly unable to take the call (Lambda updating, ENIs being created).
  'ResourceNotReadyException', 'ResourceConflictException', 'SnapStartNotReadyException', 'ENILimitReachedException',
  'ConcurrentAccessException', 'ConcurrentModificationException',
  // Clock skew and expiring session credentials: the next attempt signs afresh.
  'RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'ExpiredToken', 'ExpiredTokenException',
  // Timeouts: ours (the attempt's AbortSignal) and the SDK's socket timeout.
  'AbortError', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
  // No credentials yet (the instance metadata / container endpoint did not answer).
  'CredentialsProviderError',
]);

/**
 * Errors that stay until someone fixes the configuration, even where the service files them
 * as server faults: Lambda answers a disabled or inaccessible KMS key (and a broken VPC
 * setup) with HTTP 502, which the status rule alone would retry for nothing.
 */
const PERMANENT = new Set([
  'KMSAccessDeniedException', 'KMSDisabledException', 'KMSInvalidStateException', 'KMSNotFoundException', 'KMSOptInRequired',
  'KMSAccessDenied', 'KMSDisabled', 'KMSInvalidState', 'KMSNotFound',
  'KmsAccessDenied', 'KmsDisabled', 'KmsInvalidState', 'KmsNotFound', 'KmsInvalidKeyUsage', 'KmsOptInRequired',
  'InvalidSecurityGroupIDException', 'InvalidSubnetIDException', 'InvalidRuntimeException', 'InvalidZipFileException',
]);

/** Whether an error name or code (a PutEvents entry's ErrorCode, say) means "try again later". */
export function isRetryableCode(code: string): boolean {
  return THROTTLING.has(code) || TRANSIENT.has(code);
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: unknown;
  retryAfterSeconds?: unknown;
}

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Classifies `error`, thrown while `what` (e.g. `SNS Publish to arn:…`) ran. The message
 * gives the error's name/code and HTTP status only: AWS's own text can echo request
 * content, so it stays in `cause` and never reaches the message.
 */
export function deliveryError(what: string, error: unknown): RetryableDeliveryError | PermanentDeliveryError {
  const shape = shapeOf(error);
  // A Node network error is named `Error` and says what happened in `code` (ECONNREFUSED…); the
  // SDK renames some (a reset socket becomes TimeoutError), so the code is shown next to the name.
  const code = text(shape.code);
  const name = text(shape.name);
  const generic = name === undefined || name === 'Error';
  const label = generic ? (code ?? name ?? 'unknown error') : code !== undefined && code !== name ? `${name} (${code})` : name;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const message = `${what} failed: ${label}${status === undefined ? '' : ` (HTTP ${status})`}`;
  const options = { cause: error };
  const named = [name, code, text(shape.Code)].filter((value): value is string => value !== undefined);

  if (named.some(isRetryableCode)) return new RetryableDeliveryError(message, retryAfterMs(shape), options);
  if (named.some((value) => PERMANENT.has(value))) return new PermanentDeliveryError(message, options);
  if (shape.$retryable !== undefined || shape.$fault === 'server') {
    return new RetryableDeliveryError(message, retryAfterMs(shape), options);
  }
  if (status !== undefined) {
    const retryable = status >= 500 || status === 429 || status === 408;
    return retryable ? new RetryableDeliveryError(message, retryAfterMs(shape), options) : new PermanentDeliveryError(message, options);
  }
  // No HTTP answer at all: the request never got through (refused, reset, DNS), so it may next time.
  if (shape.$fault === undefined) return new RetryableDeliveryError(message, undefined, options);
  return new PermanentDeliveryError(message, options);
}

/** Lambda's TooManyRequestsException carries the Retry-After header as `retryAfterSeconds`. */
function retryAfterMs(shape: SdkErrorShape): number | undefined {
  const seconds = Number(shape.retryAfterSeconds);
  return shape.retryAfterSeconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Runs one SDK call and turns whatever it throws into a delivery error. */
export async function deliver<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw deliveryError(what, error);
  }
}
