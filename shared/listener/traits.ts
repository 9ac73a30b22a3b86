/**
 * Traits, the typed name/value pairs conditions compare (§5.1). Ceilometer sends them as
 * `[name, dtype, value]` triples; native EventBridge events get them by flattening `detail`.
 * Either way the result is converted once, here, as Aodh's `_sanitize_trait_value` does.
 */
import type { JsonObject, JsonValue } from '../domain/alarm.js';
import { pythonFloat, pythonInt } from '../python/builtins.js';
import { pyFloat, pyNumberRepr } from '../python/repr.js';
import { parseDatetime } from './py-values.js';

/** Ceilometer's trait types: 0 none, 1 string, 2 integer, 3 float, 4 datetime. */
export type TraitDtype = 0 | 1 | 2 | 3 | 4;

export interface Trait {
  dtype: TraitDtype;
  /** 1: text; 2/3: number; 4: naive-UTC `YYYY-MM-DDTHH:MM:SS.ffffff`; 0: null (or text, as sent). */
  value: string | number | null;
}

export type NamedTrait = readonly [name: string, trait: Trait];

/** More traits than this is not an event anyone means to send; refuse rather than work through it. */
export const MAX_TRAITS = 1000;

const DTYPE_NAMES = ['none', 'string', 'integer', 'float', 'datetime'] as const;

function short(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * One trait's value as its dtype says. Aodh would `str()` anything under dtypes 0 and 1 and
 * truncate floats under 2; we refuse values of the wrong JSON type instead (the "wrong
 * trait types"), while still accepting the numeric strings Python's int()/float() accept.
 */
function convertTrait(dtype: TraitDtype, value: JsonValue): Trait['value'] | undefined {
  switch (dtype) {
    case 0:
      // Kept as None rather than Aodh's str(None) == 'None': a null is "no value", not a word.
      return value === null || typeof value === 'string' ? value : undefined;
    case 1:
      return typeof value === 'string' ? value : undefined;
    case 2:
      if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
      return typeof value === 'string' ? pythonInt(value) : undefined;
    case 3:
      if (typeof value === 'number') return value;
      return typeof value === 'string' ? pythonFloat(value) : undefined;
    case 4:
      return typeof value === 'string' ? parseDatetime(value) : undefined;
  }
}

/** Ceilometer's `traits` list, in order (the project rule needs the order: last one wins). */
export function ceilometerTraits(list: readonly JsonValue[]): NamedTrait[] | string {
  if (list.length > MAX_TRAITS) return `event has ${list.length} traits, more than ${MAX_TRAITS}`;
  const out: NamedTrait[] = [];
  for (const [index, item] of list.entries()) {
    if (!Array.isArray(item) || item.length !== 3) return `trait ${index} is not a [name, dtype, value] triple`;
    const [name, dtype, value] = item as [JsonValue, JsonValue, JsonValue];
    if (typeof name !== 'string') return `trait ${index} has a name that is not a string`;
    if (dtype !== 0 && dtype !== 1 && dtype !== 2 && dtype !== 3 && dtype !== 4) {
      return `trait ${index} (${name}) has dtype ${short(dtype)}, not one of 0..4`;
    }
    const converted = convertTrait(dtype, value);
    if (converted === undefined) return `trait ${index} (${name}) has a value ${short(value)} that is not a valid ${DTYPE_NAMES[dtype]}`;
    out.push([name, { dtype, value: converted }]);
  }
  return out;
}

/**
 * A native event's `detail` as traits: nested keys joined with dots (`a.b.c`), array items by
 * index (`a.0`), leaves only (empty objects and arrays give no trait). Strings are dtype 1,
 * integral numbers 2, other numbers 3, null 0. Booleans become the strings `True`/`False`
 * (dtype 1): that is how Ceilometer's text traits carry them, and a `boolean` condition parses
 * that text, so `type: boolean` works on both shapes alike.
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
            : { dtype: 0, value: null };
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
  if (trait.value === null) return '';
  if (typeof trait.value === 'string') return trait.value;
  return trait.dtype === 3 ? pyFloat(trait.value) : pyNumberRepr(trait.value, 'int');
}
