/**
 * Python builtins applied to decoded JSON values and query-string text: `type(x).__name__`,
 * `bool(x)`, `sorted()`, `int(str)` and `float(str)`. Aodh's answers (error texts, filter
 * results, sort orders) follow Python's rules, which differ from JS's in small ways.
 */

/** `type(x).__name__` of a decoded JSON value, for WSME's `Wrong type` texts. */
export function pyTypeName(value: unknown): string {
  if (value === undefined || value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  // Same rule as pyNumberRepr's `auto`: big integral values are taken for floats.
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python's truthiness of a JSON value (`if not x:`): empty containers and strings are false. */
export function pyTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Python's str ordering (`<`, `sorted()`): by code point, where JS's `<` goes by UTF-16 unit. */
export function pyCompareText(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i === a.length || i === b.length) return a.length - b.length;
  // Step back onto a shared high surrogate so both sides read whole code points.
  const previous = a.charCodeAt(i - 1);
  if (i > 0 && previous >= 0xd800 && previous <= 0xdbff) i -= 1;
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

/** Python's sorted() of strings: by code point, not by UTF-16 unit as JS's default sort. */
export function pySorted(items: Iterable<string>): string[] {
  return [...items].sort(pyCompareText);
}

const DIGITS = String.raw`\d(?:_?\d)*`;
/** `int(str)`: one sign, digits with single underscores between them. */
const INT_TEXT = new RegExp(String.raw`^[+-]?${DIGITS}$`);
/** `float(str)` for finite spellings: `1`, `1.`, `.5`, `1.5e-3`, underscores between digits. */
const FLOAT_TEXT = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const NON_FINITE_TEXT = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's int() on text: blanks around, one sign, single underscores between digits. */
export function pythonInt(text: string): number | undefined {
  const clean = text.trim();
  return INT_TEXT.test(clean) ? Number(clean.replace(/_/g, '')) : undefined;
}

/** Python's float() on text, including inf/infinity/nan in any case; too big overflows to ±inf. */
export function pythonFloat(text: string): number | undefined {
  const clean = text.trim();
  const special = NON_FINITE_TEXT.exec(clean);
  if (special) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return FLOAT_TEXT.test(clean) ? Number(clean.replace(/_/g, '')) : undefined;
}
