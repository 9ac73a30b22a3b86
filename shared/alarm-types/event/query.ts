import type { JsonObject } from '../../domain/alarm.js';
import { parseTimestamp } from '../../domain/time.js';
import { InvalidInputError } from '../../errors.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { pythonFloat, pythonInt } from '../../python/builtins.js';
import { pyRepr } from '../../python/repr.js';
import { COMPARISON_OPERATORS } from '../../evaluation/comparison.js';
import { boolFromString } from '../../python/strutils.js';

/** Aodh's `base.Query` attributes. `op` is a plain property in Aodh (unchecked until later). */
export const queryItemFields = {
  field: { type: 'string', mandatory: true },
  op: { type: 'json' },
  value: { type: 'string', mandatory: true },
  type: { type: 'string' },
} as const satisfies ObjectSpec;

/** Types `Query.get_value` can convert; `datetime` converts but the event schema then refuses it. */
const SUPPORTED_TYPES = ['integer', 'float', 'string', 'boolean', 'datetime'];
/** The event schema's allowed types (voluptuous `In`), which print sorted. */
const EVENT_TYPES = ['string', 'integer', 'float', 'boolean', ''];
const FIELD_PATTERN = /^[a-zA-Z.',0-9_-]*$/;


/** Whether Python's converter for `type` accepts `value` (int(), float(), strict bool_from_string, parse_isotime). */
function converts(type: string, value: string): boolean {
  switch (type) {
    case 'integer':
      return pythonInt(value) !== undefined;
    case 'float':
      return pythonFloat(value) !== undefined;
    case 'boolean':
      return boolFromString(value) !== undefined;
    case 'datetime':
      return parseTimestamp(value) !== undefined;
    default:
      return true;
  }
}

const sortedRepr = (values: readonly string[]): string => pyRepr([...values].sort());

/**
 * §2.7 for one parsed query item, in Aodh's order: `get_value()` first (conversion), then the
 * voluptuous schema on field / op / type, whose first failure is reported.
 * Returns the stored item: `{field, op, type, value}` with `op` defaulted to `eq`; the value
 * stays the client's string, converted again at match time.
 */
export function validateQueryItem(item: JsonObject): JsonObject {
  const value = String(item.value);
  // WSME leaves a missing (or null) type Unset: falsy for the conversion, but not in the
  // schema's list, so Aodh refuses it below (`''` is the way to ask for a string).
  const type = typeof item.type === 'string' ? item.type : undefined;
  if (type !== undefined && type !== '' && !SUPPORTED_TYPES.includes(type)) {
    throw new InvalidInputError(`The data type ${type} is not supported. The supported data type list is: ${pyRepr(SUPPORTED_TYPES)}`, 'type');
  }
  if (!converts(type ?? '', value)) {
    throw new InvalidInputError(`Unable to convert the value ${value} to the expected data type ${type}.`, 'value');
  }
  const op = item.op === undefined || item.op === null || item.op === '' ? 'eq' : item.op;
  let detail: string | undefined;
  // Python's `$` also matches before one final newline.
  if (!FIELD_PATTERN.test(String(item.field).replace(/\n$/, ''))) detail = `does not match regular expression ${FIELD_PATTERN.source} @ data['field']`;
  else if (!(COMPARISON_OPERATORS as readonly unknown[]).includes(op)) detail = `value must be one of ${sortedRepr(COMPARISON_OPERATORS)} @ data['op']`;
  // The schema checks the *type* under the key "value": Aodh's own quirk, kept in the text.
  else if (type === undefined || !EVENT_TYPES.includes(type)) detail = `value must be one of ${sortedRepr(EVENT_TYPES)} @ data['value']`;
  // (A missing type always has a detail by now; the second test tells the compiler so.)
  if (detail !== undefined || type === undefined) throw new InvalidInputError(`Query value or traits invalid: ${detail ?? ''}`, 'query');

  return { field: item.field as string, op, type, value };
}
