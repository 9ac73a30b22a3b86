import { expect } from 'vitest';

/** Runs `fn` and asserts it throws exactly `type` (not a subclass stand-in) with `message`. */
export function expectThrows(fn: () => unknown, type: abstract new (...args: never[]) => Error, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((thrown as Error).message).toBe(message);
}

export async function expectRejects(promise: Promise<unknown>, type: abstract new (...args: never[]) => Error, message: string): Promise<void> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((thrown as Error).message).toBe(message);
}
