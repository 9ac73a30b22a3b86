import {
  AlarmNotFoundError,
  AuthenticationRequiredError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotAuthorizedError,
  NotImplementedError,
  PolicyDeniedError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  UpstreamError,
} from '#shared/errors.js';
import type { JsonValue } from '#shared/domain/alarm.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The one domain-error → HTTP status table of the API (Aodh's codes, §6.1). */
const STATUS_BY_ERROR: ReadonlyArray<readonly [ErrorClass, number]> = [
  [InvalidInputError, 400],
  [NotAuthorizedError, 401],
  [AuthenticationRequiredError, 401],
  [PolicyDeniedError, 403],
  [ForbiddenError, 403],
  [AlarmNotFoundError, 404],
  [ConflictError, 409],
  [UnsupportedMediaTypeError, 415],
  [NotImplementedError, 501],
  [ServiceUnavailableError, 503],
];

export interface ErrorEnvelope {
  /** A string, except an upstream (Gnocchi) error object Aodh passes through as is. */
  error_message: { faultcode: 'Client' | 'Server'; faultstring: string | Exclude<JsonValue, string>; debuginfo: null };
}

export function errorEnvelope(statusCode: number, faultstring: ErrorEnvelope['error_message']['faultstring']): ErrorEnvelope {
  return { error_message: { faultcode: statusCode >= 500 ? 'Server' : 'Client', faultstring, debuginfo: null } };
}

/** Status and body for an error; anything unmapped is a 500 that shows no internals. */
export function errorResponse(error: unknown): { statusCode: number; body: ErrorEnvelope; expected: boolean } {
  if (error instanceof UpstreamError) return { statusCode: error.status, body: errorEnvelope(error.status, error.faultstring), expected: true };
  const entry = STATUS_BY_ERROR.find(([errorClass]) => error instanceof errorClass);
  if (entry && error instanceof Error) return { statusCode: entry[1], body: errorEnvelope(entry[1], error.message), expected: true };
  return { statusCode: 500, body: errorEnvelope(500, 'Internal Server Error'), expected: false };
}
