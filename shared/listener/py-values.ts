/**
 * The Python values an event-alarm condition compares (§5.3.3), and Python 3's comparison rules
 * for them. Aodh compares `<trait> <op> <value>` with the `operator` module, so the answers must
 * be Python's: `'512' == 512` is False, `True == 1` is True, and ordering a str against an int
 * (or anything against None) raises TypeError, which we surface as `'type-error'`.
 */
import type { JsonValue } from '../domain/alarm.js';
import { normaliseTimestamp } from '../domain/time.js';
import { pyCompareText, pythonFloat, pythonInt } from '../python/builtins.js';
import { boolFromString } from '../python/strutils.js';
import { pyStr } from '../python/repr.js';

export type PyValue =
  | { kind: 'none' }
  | { kind: 'str'; value: string }
  /** bool is a subclass of int in Python: it compares as 0/1 with numbers. */
  | { kind: 'int' | 'float' | 'bool'; value: number }
  /** Naive UTC, fixed width (`YYYY-MM-DDTHH:MM:SS.ffffff`), so text order is time order. */
  | { kind: 'datetime'; value: string };

export const OPERATORS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Query types the listener converts: the API's four (`''` is string) plus Aodh's listener-only `datetime`. */
export const QUERY_TYPES = ['string', 'integer', 'float', 'boolean', 'datetime'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const NONE: PyValue = { kind: 'none' };

/** oslo `normalize_time(parse_isotime(text))` as a sortable fixed-width string. */
export function parseDatetime(text: string): string | undefined {
  const normalised = normaliseTimestamp(text);
  if (normalised === undefined) return undefined;
  return normalised.length === 19 ? `${normalised}.000000` : normalised;
}

/**
 * `_sanitize_trait_value` generalised to any JSON value: Python's `int()`, `float()`, `str()`
 * and the API's boolean and ISO-8601 parsers. `undefined` when Python would raise.
 */
export function convert(type: QueryType, raw: JsonValue): PyValue | undefined {
  switch (type) {
    case 'string':
      return { kind: 'str', value: pyStr(raw) };
    case 'integer': {
      if (typeof raw === 'boolean') return { kind: 'int', value: raw ? 1 : 0 };
      // int(1.9) truncates; int(inf) and int(nan) raise.
      if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'int', value: Math.trunc(raw) } : undefined;
      const value = typeof raw === 'string' ? pythonInt(raw) : undefined;
      return value === undefined ? undefined : { kind: 'int', value };
    }
    case 'float': {
      if (typeof raw === 'boolean') return { kind: 'float', value: raw ? 1 : 0 };
      if (typeof raw === 'number') return { kind: 'float', value: raw };
      const value = typeof raw === 'string' ? pythonFloat(raw) : undefined;
      return value === undefined ? undefined : { kind: 'float', value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { kind: 'bool', value: raw ? 1 : 0 };
      // bool_from_string(str(x), strict=True): only 0 and 1 among numbers.
      const value = typeof raw === 'string' ? boolFromString(raw) : raw === 0 || raw === 1 ? raw === 1 : undefined;
      return value === undefined ? undefined : { kind: 'bool', value: value ? 1 : 0 };
    }
    case 'datetime': {
      const value = typeof raw === 'string' ? parseDatetime(raw) : undefined;
      return value === undefined ? undefined : { kind: 'datetime', value };
    }
  }
}

const numeric = (value: PyValue): value is Extract<PyValue, { kind: 'int' | 'float' | 'bool' }> =>
  value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';

/** Three-way order of two values Python can order, or undefined when it raises TypeError. */
function order(left: PyValue, right: PyValue): number | undefined {
  if (numeric(left) && numeric(right)) {
    // NaN orders as nothing: every ordering comparison with it is False.
    if (Number.isNaN(left.value) || Number.isNaN(right.value)) return Number.NaN;
    return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  }
  if (left.kind === 'str' && right.kind === 'str') return pyCompareText(left.value, right.value);
  if (left.kind === 'datetime' && right.kind === 'datetime') return pyCompareText(left.value, right.value);
  return undefined;
}

/** `operator.<op>(left, right)`: a boolean, or `'type-error'` where Python raises TypeError. */
export function compare(left: PyValue, op: Operator, right: PyValue): boolean | 'type-error' {
  const sign = order(left, right);
  if (op === 'eq' || op === 'ne') {
    // Unorderable pairs are simply unequal (None == None aside); NaN != NaN.
    const equal = sign === undefined ? left.kind === 'none' && right.kind === 'none' : sign === 0;
    return op === 'eq' ? equal : !equal;
  }
  if (sign === undefined) return 'type-error';
  switch (op) {
    case 'lt':
      return sign < 0;
    case 'le':
      return sign <= 0;
    case 'gt':
      return sign > 0;
    case 'ge':
      return sign >= 0;
  }
}

/** How a value reads in a log line: Python's repr, with the kind for non-obvious ones. */
export function describe(value: PyValue): string {
  switch (value.kind) {
    case 'none':
      return 'None';
    case 'str':
      return JSON.stringify(value.value.length > 80 ? `${value.value.slice(0, 80)}…` : value.value);
    case 'bool':
      return value.value === 1 ? 'True' : 'False';
    case 'datetime':
      return `datetime ${value.value}`;
    default:
      return `${value.kind} ${String(value.value)}`;
  }
}
