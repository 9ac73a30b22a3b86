import { memberSpelling } from './spelling.js';

/**
 * Python's printed forms of decoded JSON values: `repr()`, `str()` (what `%r` and `%s` print)
 * and `json.dumps()`. Aodh builds its faultstrings with `%s`/`%r` of Python objects and stores
 * JSON columns as `json.dumps` text; clients compare both verbatim, so we print exactly what
 * CPython prints for the same value.
 */

/** Python's str.isprintable() is false for these (space excepted): they get escaped by repr(). */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/**
 * Past this nesting we print `...` instead of recursing, so hostile input cannot overflow our
 * stack. CPython itself gives up (RecursionError, a 500) around its default recursion limit
 * of 1000, so anything Aodh could print is printed in full.
 */
const MAX_DEPTH = 1000;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** repr() of a str: single quotes unless the text has a ' and no ", escapes as CPython's unicode_repr. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || char === ' ' || !NON_PRINTABLE.test(char)) out += char;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

/**
 * repr() of an int or float. A non-integral value is a float. An integral one prints as an int
 * (all digits) or as a float (`1.0`, `1e+16`) when `kind` says so; `auto` — for numbers whose
 * JSON spelling is unknown — takes big values for floats. Float repr: shortest round-trip
 * digits, exponent form below 1e-4 or from 1e16, with at least two exponent digits.
 */
export function pyNumberRepr(value: number, kind: 'int' | 'float' | 'auto' = 'auto'): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const asFloat = !Number.isInteger(value) || kind === 'float' || (kind === 'auto' && Math.abs(value) >= 1e16);
  if (!asFloat) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const negative = mantissa.startsWith('-') || Object.is(value, -0);
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = exponent + 1;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}.0`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/** `float.__repr__`: the value printed as a Python float even when integral (`50.0`). */
export function pyFloat(value: number): string {
  return pyNumberRepr(value, 'float');
}

function repr(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyStrRepr(value);
  if (typeof value === 'number') return pyNumberRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (depth >= MAX_DEPTH) return '...';
  if (Array.isArray(value)) return `[${value.map((item, index) => member(value, index, item, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${pyStrRepr(key)}: ${member(value, key, item, depth + 1)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

function member(container: object, key: string | number, item: unknown, depth: number): string {
  // A number's repr depends on how the JSON spelled it, when the decoder recorded that.
  if (typeof item === 'number') return pyNumberRepr(item, memberSpelling(container, key));
  return repr(item, depth);
}

/** repr() of a JSON-decoded value: dict, list, str, int/float, True/False/None (undefined too). */
export function pyRepr(value: unknown): string {
  return repr(value, 0);
}

/** repr() of `container[key]`, knowing from the decoder whether a number was spelled as a float. */
export function pyMemberRepr(container: object, key: string | number): string {
  return member(container, key, (container as Readonly<Record<string | number, unknown>>)[key], 0);
}

/** str() of a value, as `%s` formats it: text as is, everything else (missing: `None`) as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** repr() of a set of strings. CPython's order is hash-seeded per process; we keep the order given. */
export function pySetRepr(items: Iterable<string>): string {
  return `{${[...new Set(items)].map(pyStrRepr).join(', ')}}`;
}

export function pyListRepr(items: readonly string[]): string {
  return `[${items.map(pyStrRepr).join(', ')}]`;
}

/** A one-element tuple keeps its trailing comma, as Python prints it. */
export function pyTupleRepr(items: readonly string[]): string {
  return items.length === 1 ? `(${pyStrRepr(items[0] ?? '')},)` : `(${items.map(pyStrRepr).join(', ')})`;
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

/** A JSON string with ensure_ascii=True: everything outside printable ASCII (DEL too) as `\uXXXX`. */
function jsonString(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (char) => JSON_ESCAPES[char] ?? `\\u${hex(char.charCodeAt(0), 4)}`)}"`;
}

/**
 * Python's json.dumps() with default options (", " and ": " separators, ASCII-only). Aodh
 * stores JSON columns (rule, actions, time_constraints) as this text, and `=~` filters on
 * those columns run against it.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return pyNumberRepr(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${jsonString(key)}: ${pyJsonDumps(item)}`).join(', ')}}`;
  }
  return jsonString(String(value));
}
