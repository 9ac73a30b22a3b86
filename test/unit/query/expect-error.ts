import { expect } from 'vitest';
import { InvalidInputError, NotAuthorizedError } from '../../../shared/errors.js';

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Asserts a 400 with Aodh's exact faultstring (and, when given, the offending field). */
export function expectInvalid(action: () => unknown, message: string, field?: string): void {
  const error = caught(action);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).message).toBe(message);
  if (field !== undefined) expect((error as InvalidInputError).field).toBe(field);
}

/** Asserts Aodh's 401 with its exact faultstring. */
export function expectNotAuthorized(action: () => unknown, message: string): void {
  const error = caught(action);
  expect(error).toBeInstanceOf(NotAuthorizedError);
  expect((error as NotAuthorizedError).message).toBe(message);
}

/** The only errors a parser may throw on client input: everything else would be a 500. */
export function isClientError(error: unknown): boolean {
  return error instanceof InvalidInputError || error instanceof NotAuthorizedError;
}
