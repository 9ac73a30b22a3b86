/**
 * Python's renderings of values. Aodh builds many faultstrings with `%s`/`%r` of Python
 * objects (sets, tuples, lists, dicts decoded from JSON), and clients compare them verbatim,
 * so we print what CPython would print for the same (JSON-shaped) value.
 */

/** Python's str.isprintable() is false for these (space excepted): they get escaped by repr(). */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

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
 * Members of decoded JSON containers that were written as floats (`1.0`, `1e5`). A JS number
 * cannot tell `1.0` from `1`, Python can and prints them differently; python-json.ts marks them.
 */
const floatMembers = new WeakMap<object, Set<string | number>>();

export function markFloat(container: object, key: string | number): void {
  const keys = floatMembers.get(container) ?? new Set<string | number>();
  keys.add(key);
  floatMembers.set(container, keys);
}

function isFloatMember(container: object, key: string | number, value: unknown): boolean {
  return typeof value === 'number' && (floatMembers.get(container)?.has(key) ?? false);
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

/** repr() of a JSON-decoded value: dict, list, str, int/float, True/False/None. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return pyStrRepr(value);
  if (typeof value === 'number') return pyNumberRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map((item, index) => member(value, index, item)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${pyStrRepr(key)}: ${member(value, key, item)}`).join(', ')}}`;
  }
  return pyStrRepr(String(value));
}

/** repr() of `container[key]`, knowing from the decoder whether a number was spelled as a float. */
export function pyMemberRepr(container: object, key: string | number): string {
  return member(container, key, (container as Readonly<Record<string | number, unknown>>)[key]);
}

function member(container: object, key: string | number, item: unknown): string {
  // Inside decoded containers the JSON spelling is known: marked members were floats.
  if (typeof item === 'number') return pyNumberRepr(item, isFloatMember(container, key, item) ? 'float' : 'int');
  return pyRepr(item);
}

/** str() of a value, as `%s` formats it: text as is, everything else as its repr. */
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

export function pyTupleRepr(items: readonly string[]): string {
  return items.length === 1 ? `(${pyStrRepr(items[0] ?? '')},)` : `(${items.map(pyStrRepr).join(', ')})`;
}

/** Python's sorted() of strings: by code point, not by UTF-16 unit as JS's default sort. */
export function pySorted(items: Iterable<string>): string[] {
  return [...items].sort((a, b) => {
    const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
    const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
    for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
      const diff = (left[i] ?? 0) - (right[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return left.length - right.length;
  });
}

function jsonString(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (char) => {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
    return escapes[char] ?? `\\u${hex(char.charCodeAt(0), 4)}`;
  })}"`;
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
