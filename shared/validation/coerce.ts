import { pythonFloat, pythonInt } from '../python/builtins.js';
import { pyRepr, pyStr } from '../python/repr.js';
import { wrongType } from './errors.js';

/**
 * WSME's conversions of decoded JSON to Python scalars (wsme/rest/json.py `fromjson`
 * plus `validate_value`). Each returns the value or the detail text of the failure;
 * `shown` is what the message prints as `Value:` when it is not the raw input.
 */
export type Coerced<T> = { ok: true; value: T } | { ok: false; detail: string; shown?: unknown };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = (detail: string, shown?: unknown): Coerced<never> => ({ ok: false, detail, shown });

/** WSME's ENUM_TRUE / ENUM_FALSE: compared case-sensitively, as WSME does. */
const TRUE_STRINGS = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_STRINGS = new Set(['false', 'f', 'no', 'n', 'off', '0']);

/** JSON/DynamoDB cannot hold ints beyond this exactly; Python could, but we bound silently-lossy input. */
const INT_LIMIT = Number.MAX_SAFE_INTEGER;

export function coerceString(value: unknown): Coerced<string> {
  return typeof value === 'string' ? ok(value) : fail(wrongType("<class 'str'>", value));
}

/** `bool_fromjson`: every JSON integer (0 is false), or one of the unambiguous strings. */
export function coerceBool(value: unknown): Coerced<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number' && Number.isInteger(value)) return ok(value !== 0);
  if (typeof value === 'string' && TRUE_STRINGS.has(value)) return ok(true);
  if (typeof value === 'string' && FALSE_STRINGS.has(value)) return ok(false);
  return fail(`Value not an unambiguous boolean: ${pyStr(value)}`);
}

/**
 * `float(value)`: numbers and numeric strings ("50" → 50.0). Booleans are refused with WSME's
 * `Wrong type` text. Non-finite values are refused too: JSON and DynamoDB cannot store them.
 */
export function coerceFloat(value: unknown): Coerced<number> {
  // JSON.parse reads an overflowing token (1e400) as Infinity.
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('Value should be a finite number');
  if (typeof value !== 'string') return fail(wrongType("<class 'float'>", value));
  const parsed = pythonFloat(value);
  if (parsed === undefined) return fail(`could not convert string to float: ${pyRepr(value)}`);
  // inf/nan spellings and overflowing exponents alike: JSON and DynamoDB cannot hold them.
  return Number.isFinite(parsed) ? ok(parsed) : fail('Value should be a finite number');
}

/**
 * `int(value)`: integers, numeric strings ("180" → 180) and, like Python, floats truncated
 * toward zero. Booleans are refused as for floats.
 */
export function coerceInt(value: unknown, min = -INT_LIMIT, max = INT_LIMIT): Coerced<number> {
  let parsed: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(wrongType("<class 'int'>", value));
    parsed = Math.trunc(value);
  } else if (typeof value === 'string') {
    const converted = pythonInt(value);
    if (converted === undefined) return fail(`invalid literal for int() with base 10: ${pyRepr(value)}`);
    parsed = converted;
  } else {
    return fail(wrongType("<class 'int'>", value));
  }
  parsed = parsed === 0 ? 0 : parsed; // no -0: Python has none
  // IntegerType.validate prints the converted value.
  if (parsed < Math.max(min, -INT_LIMIT)) return fail(`Value should be greater or equal to ${Math.max(min, -INT_LIMIT)}`, parsed);
  if (parsed > Math.min(max, INT_LIMIT)) return fail(`Value should be lower or equal to ${Math.min(max, INT_LIMIT)}`, parsed);
  return ok(parsed);
}

/** `wtypes.Enum.validate`: exact membership; the message lists the values. */
export function coerceEnum(value: unknown, values: readonly string[]): Coerced<string> {
  return typeof value === 'string' && values.includes(value) ? ok(value) : fail(`Value should be one of: ${values.join(', ')}`);
}

/** `wtypes.StringType` length bounds, in code points as Python counts them. */
export function checkLength(value: string, minLength?: number, maxLength?: number): string | undefined {
  const length = [...value].length;
  if (minLength !== undefined && length < minLength) return `Value should have a minimum character requirement of ${minLength}`;
  if (maxLength !== undefined && length > maxLength) return `Value should have a maximum character requirement of ${maxLength}`;
  return undefined;
}
