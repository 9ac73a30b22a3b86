import { InvalidInputError } from '../errors.js';
import { pyTypeName } from '../python/builtins.js';
import { pyStr } from '../python/repr.js';

/**
 * WSME's InvalidInput: `Invalid input for field/attribute <f>. Value: '<str(v)>'. <detail>`.
 * A missing value prints as `None`, as WSME passes None for it.
 */
export function invalidInput(field: string, value: unknown, detail: string): InvalidInputError {
  return new InvalidInputError(`Invalid input for field/attribute ${field}. Value: '${pyStr(value)}'. ${detail}`, field);
}

/** WSME's type-mismatch detail, e.g. `Wrong type. Expected '<class 'float'>', got '<class 'bool'>'`. */
export function wrongType(expected: string, value: unknown): string {
  return `Wrong type. Expected '${expected}', got '<class '${pyTypeName(value)}'>'`;
}

/**
 * WSME's UnknownAttribute. The argument path (`data`, `data.time_constraints`) is known only
 * to the caller that nests objects, so it can be re-rooted as WSME's `add_fieldname` does.
 */
export class UnknownAttributeError extends InvalidInputError {
  constructor(
    readonly argument: string,
    readonly attributes: readonly string[],
  ) {
    const plural = attributes.length > 1 ? 's' : '';
    super(`Unknown attribute${plural} for argument ${argument}: ${attributes.join(', ')}`);
  }

  /** The same error reported under another argument path. */
  atArgument(argument: string): UnknownAttributeError {
    return new UnknownAttributeError(argument, this.attributes);
  }
}
