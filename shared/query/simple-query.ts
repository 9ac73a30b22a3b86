import { normaliseTimestamp } from '../domain/time.js';
import { InvalidInputError } from '../errors.js';
import { pythonFloat, pythonInt } from '../python/builtins.js';
import { literalEval } from '../python/literal.js';
import { boolFromString } from '../python/strutils.js';
import { pyListRepr, pyStrRepr } from '../python/repr.js';

/** Every query-string key with all its values, in order. */
export type QueryParams = Readonly<Record<string, readonly string[]>>;

export const QUERY_OPERATORS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'] as const;
export type QueryOperator = (typeof QUERY_OPERATORS)[number];

/** `Query._supported_types`, in Aodh's order (the 400 prints this list). */
export const QUERY_DATA_TYPES = ['integer', 'float', 'string', 'boolean', 'datetime'] as const;

/** One `q.field / q.op / q.value / q.type` filter of the list endpoints (Aodh's `Query`). */
export interface SimpleQuery {
  field: string;
  op: QueryOperator;
  value: string;
  /** '' if not given. */
  type: string;
}

function isOperator(op: string): op is QueryOperator {
  return (QUERY_OPERATORS as readonly string[]).includes(op);
}

function mandatoryMissing(attribute: string): InvalidInputError {
  return new InvalidInputError(`Invalid input for field/attribute ${attribute}. Value: 'None'. Mandatory field missing.`, attribute);
}

function unsupportedType(type: string): InvalidInputError {
  return new InvalidInputError(
    `The data type ${type} is not supported. The supported data type list is: ${pyListRepr(QUERY_DATA_TYPES)}`,
    'type',
  );
}

export function conversionError(value: string, type: string): InvalidInputError {
  return new InvalidInputError(`Unable to convert the value ${value} to the expected data type ${type}.`, 'value');
}

/**
 * Aligns the repeated `q.*` parameters by position, as WSME builds `[Query]` from them: the
 * i-th field goes with the i-th op, value and type. An empty op or type counts as not given
 * (WSME turns empty parameters into None): op defaults to `eq`, type to none. A query without
 * a field or a value is a 400 (Aodh would fail later with a 500).
 */
export function parseSimpleQueries(params: QueryParams): SimpleQuery[] {
  const fields = params['q.field'] ?? [];
  const ops = params['q.op'] ?? [];
  const values = params['q.value'] ?? [];
  const types = params['q.type'] ?? [];
  const count = Math.max(fields.length, ops.length, values.length, types.length);
  const queries: SimpleQuery[] = [];
  for (let i = 0; i < count; i += 1) {
    const field = fields[i];
    const value = values[i];
    const op = ops[i] || 'eq';
    const type = types[i] ?? '';
    if (field === undefined || field === '') throw mandatoryMissing('field');
    if (value === undefined) throw mandatoryMissing('value');
    if (!isOperator(op)) {
      // WSME's Enum error; Python prints the members of a set, so any order is "right".
      throw new InvalidInputError(
        `Invalid input for field/attribute op. Value: '${op}'. Value should be one of: ${QUERY_OPERATORS.join(', ')}`,
        'op',
      );
    }
    if (type !== '' && !(QUERY_DATA_TYPES as readonly string[]).includes(type)) throw unsupportedType(type);
    queries.push({ field, op, value, type });
  }
  return queries;
}

/**
 * Aodh's `Query.get_value(forced_type)`. With a type: that converter (datetimes come back
 * normalised to the stored form), or `Unable to convert…`. Without: the value read as a Python
 * literal (`True` → true, `42` → 42, `'x'` → "x"), else the raw text (`true` stays "true").
 */
export function convertQueryValue(query: Pick<SimpleQuery, 'value' | 'type'>, forcedType?: string): string | number | boolean {
  const type = forcedType || query.type;
  const { value } = query;
  if (!type) return literalEval(value) ?? value;
  let converted: string | number | boolean | undefined;
  switch (type) {
    case 'integer':
      converted = pythonInt(value);
      break;
    case 'float':
      converted = pythonFloat(value);
      break;
    case 'boolean':
      converted = boolFromString(value);
      break;
    case 'string':
      converted = value;
      break;
    case 'datetime':
      converted = normaliseTimestamp(value);
      break;
    default:
      throw unsupportedType(type);
  }
  if (converted === undefined) throw conversionError(value, type);
  return converted;
}

/** Aodh's `Query.__repr__`, used inside its "unrecognized field" message. */
export function queryRepr(query: SimpleQuery): string {
  // WSME turns an empty parameter into None, which repr() prints bare.
  const value = query.value === '' ? 'None' : pyStrRepr(query.value);
  return `<Query ${pyStrRepr(query.field)} ${query.op} ${value} ${query.type || 'Unset'}>`;
}
