import { InvalidInputError } from '../errors.js';
import { pythonInt, pyTypeName } from '../python/builtins.js';
import { pyStr } from '../python/repr.js';

/** The complex-query body once WSME has typed it: `filter`/`orderby` JSON text, an int limit. */
export interface ComplexQueryBody {
  filter?: string;
  orderby?: string;
  limit?: number;
}

const ATTRIBUTES = ['filter', 'orderby', 'limit'] as const;

function wrongType(attribute: string, value: unknown, expected: string): InvalidInputError {
  return new InvalidInputError(
    `Invalid input for field/attribute ${attribute}. Value: '${pyStr(value)}'. ` +
      `Wrong type. Expected '<class '${expected}'>', got '<class '${pyTypeName(value)}'>'`,
    attribute,
  );
}

/**
 * WSME's `int` attribute: an int, or text int() accepts ("5" → 5). Python bools are ints, so
 * true is 1 and false is 0 (which then fails "Limit should be positive").
 */
function readLimit(value: unknown): number {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const parsed = typeof value === 'string' ? pythonInt(value) : undefined;
  if (parsed === undefined) throw wrongType('limit', value, 'int');
  return parsed;
}

/**
 * Types the body as WSME's ComplexQuery does: attributes in declaration order, then unknown
 * attributes. A JSON null counts as absent (Aodh would crash on `json.loads(None)`); a body
 * that is not an object is a 400 (Aodh's WSME fails on it with a 500).
 */
export function readComplexQueryBody(body: unknown): ComplexQueryBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw wrongType('body', body, 'dict');
  const entries = new Map(Object.entries(body));
  const result: ComplexQueryBody = {};
  for (const attribute of ATTRIBUTES) {
    const value = entries.get(attribute);
    if (value === undefined || value === null) continue;
    if (attribute === 'limit') result.limit = readLimit(value);
    else if (typeof value === 'string') result[attribute] = value;
    else throw wrongType(attribute, value, 'str');
  }
  const unknown = [...entries.keys()].filter((key) => !(ATTRIBUTES as readonly string[]).includes(key));
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'attribute' : 'attributes';
    throw new InvalidInputError(`Unknown ${noun} for argument body: ${unknown.join(', ')}`, 'body');
  }
  return result;
}
