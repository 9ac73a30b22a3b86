import { expect } from 'vitest';
import { InvalidInputError, NotAuthorizedError } from '../../shared/errors.js';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** Runs `fn` and asserts it throws exactly `type` (not a subclass stand-in) with `message`; returns the error. */
export function expectThrows<E extends Error>(fn: () => unknown, type: ErrorClass<E>, message: string): E {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((thrown as E).message).toBe(message);
  return thrown as E;
}

/** The promise form of expectThrows, for async code (rules that call out, stores). */
export async function expectRejects<E extends Error>(promise: Promise<unknown>, type: ErrorClass<E>, message: string): Promise<E> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((thrown as E).message).toBe(message);
  return thrown as E;
}

/** Asserts a 400 with Aodh's exact faultstring (and, when given, the offending field). */
export function expectInvalid(action: () => unknown, message: string, field?: string): void {
  const error = expectThrows(action, InvalidInputError, message);
  if (field !== undefined) expect(error.field).toBe(field);
}

/** Asserts Aodh's 401 with its exact faultstring. */
export function expectNotAuthorized(action: () => unknown, message: string): void {
  expectThrows(action, NotAuthorizedError, message);
}

/** The only errors a parser may throw on client input: everything else would be a 500. */
export function isClientError(error: unknown): boolean {
  return error instanceof InvalidInputError || error instanceof NotAuthorizedError;
}
