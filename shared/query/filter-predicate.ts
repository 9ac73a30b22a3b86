import type { ComparisonOperator, FilterNode, FilterScalar } from './filter-node.js';
import { compileSearch } from './regex-search.js';
import { pyJsonDumps } from '../python/repr.js';

export type QueryRecord = Readonly<Record<string, unknown>>;

/**
 * What a stored column holds, as SQL would compare it: JSON columns (rule, actions,
 * time_constraints, detail when decoded) are TEXT in Aodh's schema, holding Python's
 * json.dumps output; absent values are NULL.
 */
function columnValue(record: QueryRecord, field: string): FilterScalar | null {
  const value = Object.hasOwn(record, field) ? record[field] : undefined;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return pyJsonDumps(value);
}

/**
 * SQL-like comparison in two-valued logic: NULL or a value of another type never satisfies
 * any operator (so `!=` is not simply the negation of `=`), while `not` is exact negation.
 */
function comparison(op: ComparisonOperator, field: string, expected: FilterScalar): (record: QueryRecord) => boolean {
  if (op === '=~') {
    const search = typeof expected === 'string' ? compileSearch(expected) : undefined;
    return (record) => {
      const actual = columnValue(record, field);
      return search !== undefined && typeof actual === 'string' && search.test(actual);
    };
  }
  return (record) => {
    const actual = columnValue(record, field);
    if (actual === null || typeof actual !== typeof expected) return false;
    if (typeof actual === 'string' && typeof expected === 'string') return ordered(op, actual, expected);
    // Numbers, or booleans ordered false < true as in SQL.
    return ordered(op, Number(actual), Number(expected));
  };
}

function ordered<T extends string | number>(op: Exclude<ComparisonOperator, '=~'>, left: T, right: T): boolean {
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/** Compiles the filter tree into an in-memory predicate over plain records (never throws). */
export function filterPredicate(node: FilterNode): (record: QueryRecord) => boolean {
  switch (node.op) {
    case 'and': {
      const operands = node.operands.map(filterPredicate);
      return (record) => operands.every((operand) => operand(record));
    }
    case 'or': {
      const operands = node.operands.map(filterPredicate);
      return (record) => operands.some((operand) => operand(record));
    }
    case 'not': {
      const operand = filterPredicate(node.operand);
      return (record) => !operand(record);
    }
    case 'in': {
      const { field, values } = node;
      return (record) => {
        const actual = columnValue(record, field);
        return actual !== null && values.some((value) => value === actual);
      };
    }
    default:
      return comparison(node.op, node.field, node.value);
  }
}
