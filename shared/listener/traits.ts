/**
 * Traits, the typed name/value pairs conditions compare (§5.1). Ceilometer sends them as
 * `[name, dtype, value]` triples; native EventBridge events get them by flattening `detail`.
 * Either way the result is converted once, here, as Aodh's `_sanitize_trait_value` does (§5.1).
 */
import type { JsonObject, JsonValue } from '../domain/alarm.js';
import { pythonFloat, pythonInt } from '../python/builtins.js';
import { pyFloat, pyNumberRepr, pyStr } from '../python/repr.js';
import { parseDatetime } from './py-values.js';

/**
 * How Aodh's `_sanitize_trait_value` reads a trait: 2 (or `'integer'`) with `int()`, 3 (or
 * `'float'`) with `float()`, 4 (or `'datetime'`) as a naive-UTC datetime, and every other dtype
 * (0 none, 1 string, or anything unknown such as `7` or `"2"`) with `str()`, so a dtype-0 `null`
 * is the text `'None'`. Unknown dtypes are kept here as 1: they convert exactly as strings do.
 */
export type TraitDtype = 0 | 1 | 2 | 3 | 4;

export interface Trait {
  dtype: TraitDtype;
  /** 0/1: text (Python's `str()` of what was sent); 2/3: number; 4: naive-UTC `YYYY-MM-DDTHH:MM:SS.ffffff`. */
  value: string | number;
}

export type NamedTrait = readonly [name: string, trait: Trait];

/** More traits than this is not an event anyone means to send; refuse rather than work through it. */
export const MAX_TRAITS = 1000;

const DTYPE_NAMES = ['none', 'string', 'integer', 'float', 'datetime'] as const;

function short(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Python's `trait_type in (2, 'integer')` and so on: which converter Aodh picks for a dtype. */
function classify(dtype: JsonValue): TraitDtype {
  if (dtype === 2 || dtype === 'integer') return 2;
  if (dtype === 3 || dtype === 'float') return 3;
  if (dtype === 4 || dtype === 'datetime') return 4;
  return dtype === 0 ? 0 : 1;
}

/**
 * One trait's value as Aodh converts it; undefined where Python raises (`int('abc')`,
 * `float(None)`, `parse_isotime(5)`): a trait that fails to convert.
 */
function convertTrait(dtype: TraitDtype, value: JsonValue): Trait['value'] | undefined {
  switch (dtype) {
    case 2:
      // int() truncates toward zero (7.9 is 7) and reads True as 1; `+ 0` turns -0 into 0.
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') return Math.trunc(value) + 0;
      return typeof value === 'string' ? pythonInt(value) : undefined;
    case 3:
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') return value;
      return typeof value === 'string' ? pythonFloat(value) : undefined;
    case 4:
      return typeof value === 'string' ? parseDatetime(value) : undefined;
    default:
      return pyStr(value);
  }
}

/**
 * Ceilometer's `traits` list, in order (the project rule needs the order: last one wins).
 * Aodh reads `t[0]`, `t[1]`, `t[2]` of each item, so items past the third are ignored, and a
 * name that is not text (a number, null) is a trait no `traits.<name>` condition can reach. A
 * trait it could not read (not a list of three, an unhashable name, a failed conversion) makes
 * Aodh drop the whole batch; here it makes this one event invalid.
 */
export function ceilometerTraits(list: readonly JsonValue[]): NamedTrait[] | string {
  if (list.length > MAX_TRAITS) return `event has ${list.length} traits, more than ${MAX_TRAITS}`;
  const out: NamedTrait[] = [];
  for (const [index, item] of list.entries()) {
    if (!Array.isArray(item) || item.length < 3) return `trait ${index} is not a [name, dtype, value] triple`;
    const [name, rawDtype, value] = item as [JsonValue, JsonValue, JsonValue];
    if (name !== null && typeof name === 'object') return `trait ${index} has a name that is a list or an object`;
    const dtype = classify(rawDtype);
    const converted = convertTrait(dtype, value);
    const label = typeof name === 'string' ? name : short(name);
    if (converted === undefined) return `trait ${index} (${label}) has a value ${short(value)} that is not a valid ${DTYPE_NAMES[dtype]}`;
    if (typeof name === 'string') out.push([name, { dtype, value: converted }]);
  }
  return out;
}

/**
 * A native event's `detail` as traits: nested keys joined with dots (`a.b.c`), array items by
 * index (`a.0`), leaves only (empty objects and arrays give no trait). Strings are dtype 1,
 * integral numbers 2, other numbers 3, null 0, converted as Ceilometer traits are: null is the
 * text `None`, and booleans the text `True`/`False` (dtype 1), which a `boolean` condition
 * parses, so `type: boolean` works on both shapes alike.
 */
export function flattenDetail(detail: JsonObject): NamedTrait[] | string {
  const out: NamedTrait[] = [];
  const visit = (prefix: string, value: JsonValue): boolean => {
    if (Array.isArray(value)) return value.every((item, index) => visit(`${prefix}.${index}`, item));
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).every(([key, item]) => visit(`${prefix}.${key}`, item));
    }
    if (out.length >= MAX_TRAITS) return false;
    const trait: Trait =
      typeof value === 'string'
        ? { dtype: 1, value }
        : typeof value === 'boolean'
          ? { dtype: 1, value: value ? 'True' : 'False' }
          : typeof value === 'number'
            ? { dtype: Number.isInteger(value) ? 2 : 3, value }
            : { dtype: 0, value: pyStr(value) };
    out.push([prefix, trait]);
    return true;
  };
  // Top-level keys are visited one by one so a top-level array is named by its key, not `.0`.
  for (const [key, value] of Object.entries(detail)) {
    if (!visit(key, value)) return `event detail has more than ${MAX_TRAITS} values`;
  }
  return out;
}

/** A trait's value as the text a project id is compared with (Python's `str()` of it). */
export function traitText(trait: Trait): string {
  if (typeof trait.value === 'string') return trait.value;
  return trait.dtype === 3 ? pyFloat(trait.value) : pyNumberRepr(trait.value, 'int');
}
