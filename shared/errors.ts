/**
 * Typed domain errors. Messages are Aodh's faultstrings, verbatim: clients show
 * them to users. HTTP status codes are assigned in one place only
 * (functions/api/http-errors.ts), never here.
 */
import type { JsonValue } from './domain/alarm.js';

export class AodhError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad client input (400). `field` names the offending attribute where there is one. */
export class InvalidInputError extends AodhError {
  constructor(
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A body in a media type the API does not read (WSME's 415 `Unknown mimetype`). */
export class UnsupportedMediaTypeError extends AodhError {}

/** Aodh's 401 for authorisation-by-ownership failures (cross-project access, log/test actions). */
export class NotAuthorizedError extends AodhError {}

/** The caller carries no identity at all (no X-Project-Id / invalid token). */
export class AuthenticationRequiredError extends AodhError {}

/** RBAC policy failure (403). */
export class PolicyDeniedError extends AodhError {
  constructor(message = 'RBAC Authorization Failed', options?: ErrorOptions) {
    super(message, options);
  }
}

/** Quota exceeded or a disabled endpoint (403). */
export class ForbiddenError extends AodhError {}

export class AlarmNotFoundError extends AodhError {
  constructor(readonly alarmId: string, options?: ErrorOptions) {
    super(`Alarm ${alarmId} not found`, options);
  }
}

/** A conditional write lost against a concurrent writer. */
export class ConflictError extends AodhError {}

/** A feature this deployment does not offer (501). */
export class NotImplementedError extends AodhError {}

/**
 * An upstream service answered with an error that Aodh passes through with its status (e.g.
 * Gnocchi 4xx). `faultstring` is the upstream description as sent when it is not text (Gnocchi's
 * `{"cause", "detail"}` object): Aodh puts that object in the envelope as is; `message` is its JSON.
 */
export class UpstreamError extends AodhError {
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions & { faultstring?: JsonValue },
  ) {
    super(message, options);
    this.faultstring = options?.faultstring ?? message;
  }

  readonly faultstring: JsonValue;
}

/** A dependency could not be reached (503, faultcode Server). */
export class ServiceUnavailableError extends AodhError {}

/** A metric source could not be reached (or is overloaded): state unchanged, retried next cycle. */
export class MetricSourceUnavailableError extends AodhError {}

/** The metric source answered in a way Aodh reports as `insufficient data` with this reason. */
export class InsufficientDataError extends AodhError {}

/** The transition queue did not accept a message; the outbox keeps it for a later re-send. */
export class TransitionQueueUnavailableError extends AodhError {}

/** A delivery that may succeed later (5xx, 429, timeout, connection error, AWS throttling). */
export class RetryableDeliveryError extends AodhError {
  constructor(
    message: string,
    /** Server-requested wait (Retry-After), if any. */
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A delivery that will never succeed as configured (other 4xx, bad or refused URL). */
export class PermanentDeliveryError extends AodhError {}
