import { normaliseTimestamp } from '../domain/time.js';
import { InvalidInputError } from '../errors.js';
import { readComplexQueryBody } from './complex-query-body.js';
import { canonicalField, compiledSchema, type QueryTarget } from './complex-query-schema.js';
import type { ComparisonOperator, FilterNode, FilterScalar } from './filter-node.js';
import { compileSearch, MAX_SEARCH_PATTERN_LENGTH } from './regex-search.js';
import { bestMatchMessage } from './jsonschema-message.js';
import { parsePythonJson, PythonJsonError } from '../python/json.js';
import { pyNumberRepr, pyStr, pyStrRepr } from '../python/repr.js';
import type { SortKey } from './record-order.js';

export type { ComparisonOperator, FilterNode, FilterScalar, InNode, LeafNode, LogicalNode, NotNode } from './filter-node.js';
export { filterPredicate, type QueryRecord } from './filter-predicate.js';
export { projectsNamed, restrictToProject, type VisibilityField } from './project-restriction.js';
export type { QueryTarget } from './complex-query-schema.js';

export interface ComplexQuery {
  filter?: FilterNode;
  /** Absent `orderby` gives Aodh's default, `timestamp desc`; an explicit `[]` stays empty. */
  orderby: SortKey[];
  limit?: number;
}

/** Aodh converts these to datetimes before querying (`timestamp_fields`). */
const TIMESTAMP_FIELDS = new Set(['timestamp', 'state_timestamp']);
const COMPARISONS: ReadonlyMap<string, ComparisonOperator> = new Map(Object.entries({
  '=': '=', '!=': '!=', '<': '<', '<=': '<=', '=<': '<=', '>': '>', '>=': '>=', '=>': '>=', '=~': '=~',
} as const));

function invalidFilter(message: string): InvalidInputError {
  return new InvalidInputError(`Filter expression not valid: ${message}`, 'filter');
}

/** The single (key, value) of a node the schema has already accepted. */
function onlyEntry(node: unknown): [string, unknown] {
  const entry = typeof node === 'object' && node !== null ? Object.entries(node)[0] : undefined;
  if (!entry) throw invalidFilter(`${pyStr(node)} is not a valid filter node`);
  return entry;
}

function scalar(value: unknown): FilterScalar {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw invalidFilter(`${pyStr(value)} is not a valid value`);
}

function fieldValue(field: string, value: unknown): FilterScalar {
  if (TIMESTAMP_FIELDS.has(field)) {
    const normalised = typeof value === 'string' ? normaliseTimestamp(value) : undefined;
    if (normalised === undefined) throw new InvalidInputError(`Failed to parse the timestamp value ${pyStr(value)}`, 'filter');
    return normalised;
  }
  // Not converted by Aodh (the database parses it); normalised when it is ISO so string
  // comparison with the stored form works, kept as sent otherwise.
  if (field === 'evaluate_timestamp' && typeof value === 'string') return normaliseTimestamp(value) ?? value;
  return scalar(value);
}

/** Builds the tree from JSON the schema accepted; leaves are visited in Aodh's order. */
function toNode(json: unknown): FilterNode {
  const [rawOp, operand] = onlyEntry(json);
  const op = rawOp.toLowerCase();
  if (op === 'and' || op === 'or') {
    return { op, operands: (Array.isArray(operand) ? operand : []).map(toNode) };
  }
  if (op === 'not') return { op, operand: toNode(operand) };
  const [rawField, value] = onlyEntry(operand);
  const field = canonicalField(rawField);
  if (op === 'in') {
    // A list is never a timestamp: Aodh fails with the list's repr in the message, and so do we.
    if (TIMESTAMP_FIELDS.has(rawField)) fieldValue(rawField, value);
    const values = (Array.isArray(value) ? value : []).map(scalar).filter((item): item is string | number => typeof item !== 'boolean');
    return { op, field, values };
  }
  const comparison = COMPARISONS.get(op);
  if (!comparison) throw invalidFilter(`${pyStrRepr(rawOp)} is not a valid operator`);
  const converted = fieldValue(rawField, value);
  // Deliberate: a pattern too long or that RE2 cannot compile is a 400, where Aodh's database fails (500).
  if (comparison === '=~' && typeof converted === 'string' && converted.length > MAX_SEARCH_PATTERN_LENGTH) {
    throw invalidFilter(`a regular expression may have at most ${MAX_SEARCH_PATTERN_LENGTH} characters, this one has ${converted.length}`);
  }
  if (comparison === '=~' && typeof converted === 'string' && !compileSearch(converted)) {
    throw invalidFilter(`${pyStrRepr(converted)} is not a valid regular expression`);
  }
  return { op: comparison, field, value: converted };
}

function decode(text: string, kind: 'filter' | 'orderby', target: QueryTarget): unknown {
  const label = kind === 'filter' ? 'Filter expression' : 'Order-by expression';
  const fail = (message: string): InvalidInputError => new InvalidInputError(`${label} not valid: ${message}`, kind);
  let json: unknown;
  try {
    json = parsePythonJson(text);
  } catch (error) {
    if (error instanceof PythonJsonError) throw fail(error.message);
    throw error;
  }
  const { schema, validate } = compiledSchema(kind, target);
  if (!validate(json)) {
    // A bare number's JSON spelling decides whether Python prints it as an int or a float.
    const reprOf = typeof json === 'number' ? () => pyNumberRepr(json, /[.eE]/.test(text) ? 'float' : 'int') : undefined;
    throw fail(bestMatchMessage(schema, json, reprOf) ?? validate.errors?.map((error) => error.message).join('; ') ?? 'invalid');
  }
  return json;
}

function toSortKeys(json: unknown): SortKey[] {
  return (Array.isArray(json) ? json : []).map((item) => {
    const [rawKey, rawDir] = onlyEntry(item);
    return { key: canonicalField(rawKey), dir: String(rawDir).toLowerCase() === 'desc' ? 'desc' : 'asc' };
  });
}

/**
 * POST /v2/query/alarms[/history] body (§6.12), in Aodh's order: the body's shape (WSME),
 * the filter (JSON, schema, timestamps), the order-by, then the limit. Project confinement
 * for non-admins is a separate step: restrictToProject.
 */
export function parseComplexQuery(body: unknown, target: QueryTarget): ComplexQuery {
  const fields = readComplexQueryBody(body);
  const filter = fields.filter === undefined ? undefined : toNode(decode(fields.filter, 'filter', target));
  const orderby: SortKey[] =
    fields.orderby === undefined ? [{ key: 'timestamp', dir: 'desc' }] : toSortKeys(decode(fields.orderby, 'orderby', target));
  if (fields.limit !== undefined && fields.limit <= 0) throw new InvalidInputError('Limit should be positive', 'limit');
  return { ...(filter ? { filter } : {}), orderby, ...(fields.limit !== undefined ? { limit: fields.limit } : {}) };
}
