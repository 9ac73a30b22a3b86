import type { JsonObject, JsonValue } from '../domain/alarm.js';
import { checkLength, coerceBool, coerceEnum, coerceFloat, coerceInt, coerceString, type Coerced } from './coerce.js';
import { invalidInput, UnknownAttributeError, wrongType } from './errors.js';

/**
 * A WSME-like declarative validator: one spec per attribute, parsed in declaration
 * order after the unknown-attribute check, as WSME's `fromjson` does for a complex type.
 */
interface Common<T> {
  /** Absent (or null, unless `nullable`) → `Mandatory field missing.` */
  mandatory?: boolean;
  /** Used when the attribute is absent (or null, unless `nullable`). */
  default?: T;
  /** Keep an explicit JSON null as null (Aodh stores `"alarm_actions": null` as given). */
  nullable?: boolean;
  /** A further rule on the converted value; returns the detail text of a failure. */
  check?: (value: T) => string | undefined;
}

export type FieldSpec =
  | ({ type: 'string'; minLength?: number; maxLength?: number } & Common<string>)
  | ({ type: 'int'; min?: number; max?: number } & Common<number>)
  | ({ type: 'float' } & Common<number>)
  | ({ type: 'bool' } & Common<boolean>)
  | ({ type: 'enum'; values: readonly string[] } & Common<string>)
  | ({ type: 'string[]'; maxItems?: number } & Common<string[]>)
  | ({ type: 'object[]'; fields: ObjectSpec; maxItems?: number; finish?: (item: JsonObject) => JsonObject } & Common<JsonObject[]>)
  /** Any JSON value, taken as is (for attributes whose checks come later). */
  | ({ type: 'json' } & Common<JsonValue>);

export type ObjectSpec = Readonly<Record<string, FieldSpec>>;

export interface ParseObjectOptions {
  /** Attributes that are known but parsed by the caller (not reported as unknown, not copied). */
  extraKnown?: readonly string[];
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooMany(max: number | undefined, list: readonly unknown[]): string | undefined {
  return max !== undefined && list.length > max ? `Value should have at most ${max} items` : undefined;
}

function convert(name: string, value: JsonValue, spec: FieldSpec, context: string): Coerced<JsonValue> {
  switch (spec.type) {
    case 'string': {
      const result = coerceString(value);
      if (!result.ok) return result;
      const detail = checkLength(result.value, spec.minLength, spec.maxLength) ?? spec.check?.(result.value);
      return detail === undefined ? result : { ok: false, detail };
    }
    case 'int': {
      const result = coerceInt(value, spec.min, spec.max);
      const detail = result.ok ? spec.check?.(result.value) : undefined;
      return detail === undefined ? result : { ok: false, detail, shown: result.ok ? result.value : undefined };
    }
    case 'float': {
      const result = coerceFloat(value);
      const detail = result.ok ? spec.check?.(result.value) : undefined;
      return detail === undefined ? result : { ok: false, detail };
    }
    case 'bool':
      return coerceBool(value);
    case 'enum': {
      const result = coerceEnum(value, spec.values);
      const detail = result.ok ? spec.check?.(result.value) : undefined;
      return detail === undefined ? result : { ok: false, detail };
    }
    case 'string[]': {
      if (!Array.isArray(value)) return { ok: false, detail: wrongType("[<class 'str'>]", value) };
      const bad = value.find((item) => typeof item !== 'string');
      if (bad !== undefined) return { ok: false, detail: wrongType("<class 'str'>", bad) };
      const list = value as string[];
      const detail = tooMany(spec.maxItems, list) ?? spec.check?.(list);
      return detail === undefined ? { ok: true, value: list } : { ok: false, detail };
    }
    case 'object[]': {
      if (!Array.isArray(value)) return { ok: false, detail: wrongType("[<class 'dict'>]", value) };
      const items = value.map((item) => {
        const parsed = parseObject(item, spec.fields, `${context}.${name}`);
        return spec.finish ? spec.finish(parsed) : parsed;
      });
      const detail = tooMany(spec.maxItems, items) ?? spec.check?.(items);
      return detail === undefined ? { ok: true, value: items } : { ok: false, detail };
    }
    case 'json': {
      const detail = spec.check?.(value);
      return detail === undefined ? { ok: true, value } : { ok: false, detail };
    }
  }
}

/**
 * One attribute: defaults, mandatory check, conversion. Returns undefined when the attribute
 * is absent and has no default (WSME's Unset: left out of the stored dict).
 * `context` is the argument path of the enclosing object, for nested unknown attributes.
 */
export function parseField(name: string, value: unknown, spec: FieldSpec, context = 'data'): JsonValue | undefined {
  if (value === undefined || (value === null && !spec.nullable)) {
    if (spec.default !== undefined) return structuredClone(spec.default);
    if (spec.mandatory) throw invalidInput(name, undefined, 'Mandatory field missing.');
    return undefined;
  }
  if (value === null) return null;
  const result = convert(name, value as JsonValue, spec, context);
  if (!result.ok) throw invalidInput(name, result.shown ?? value, result.detail);
  return result.value;
}

/**
 * A complex type: the input must be an object without unknown attributes; attributes are
 * then parsed in spec order and returned in that order. `context` names the argument in
 * WSME's unknown-attribute text (`data`, `data.gnocchi_resources_threshold_rule`).
 */
export function parseObject(input: unknown, spec: ObjectSpec, context: string, options: ParseObjectOptions = {}): JsonObject {
  if (!isJsonObject(input)) {
    throw invalidInput(context.slice(context.lastIndexOf('.') + 1), input, wrongType("<class 'dict'>", input));
  }
  const known = new Set([...Object.keys(spec), ...(options.extraKnown ?? [])]);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new UnknownAttributeError(context, unknown);

  const out: JsonObject = {};
  for (const [name, fieldSpec] of Object.entries(spec)) {
    const value = parseField(name, Object.hasOwn(input, name) ? input[name] : undefined, fieldSpec, context);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
