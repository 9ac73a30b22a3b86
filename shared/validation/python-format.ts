import type { JsonValue } from '../domain/alarm.js';

/**
 * Python's text forms of JSON values. Aodh builds its error texts with `%s` and
 * `%r` on decoded JSON, and stores rewritten Gnocchi queries with `json.dumps`;
 * clients compare those strings, so we print exactly as CPython would.
 */

/** Past this depth we print `...` instead of recursing (CPython would hit RecursionError, a 500). */
const MAX_DEPTH = 100;

/** `float.__repr__`: shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16, else `1e+16` / `1e-05`. */
export function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    // JS prints this range in fixed notation with the same shortest digits.
    const fixed = String(n);
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** JSON cannot tell 80 from 80.0; integral values print as Python ints, like `json.loads` would give them. */
function pyNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? String(n) : pyFloat(n);
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return out + quote;
}

function repr(value: unknown, depth: number): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyStringRepr(value);
  if (depth >= MAX_DEPTH) return '...';
  if (Array.isArray(value)) return `[${value.map((item) => repr(item, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${pyStringRepr(k)}: ${repr(v, depth + 1)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** `repr(value)`: strings quoted, `True`/`None`, lists and dicts in Python syntax. */
export function pyRepr(value: unknown): string {
  return repr(value, 0);
}

/** `str(value)` (what `%s` prints): a string as is, anything else as its repr. Missing prints `None`. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python's type name of a decoded JSON value, for WSME's `Wrong type` texts. */
export function pyTypeName(value: unknown): string {
  if (value === undefined || value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python's truthiness of a JSON value (`if not x:`). */
export function pyTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function dumpString(s: string): string {
  // ensure_ascii=True escapes everything outside printable ASCII, DEL included.
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.dumps(value)` with CPython's defaults: `", "` and `": "` separators, ASCII-only output. */
export function pyJsonDumps(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return dumpString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${dumpString(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
}
