import type { JsonValue } from '../../domain/alarm.js';
import { isJsonObject } from '../../validation/fields.js';

/** Gnocchi 4.4's search grammar (`ResourceSearchSchema`): operators taking one `{attribute: value}`. */
const COMPARISONS = new Set(['=', '==', 'eq', '<', 'lt', '>', 'gt', '<=', '≤', 'le', '>=', '≥', 'ge', '!=', '≠', 'ne', 'in', 'like']);
/** ...operators taking a list of searches, and `not`, taking one search. */
const COMBINATIONS = new Set(['and', 'or', '∧', '∨']);

/**
 * The first operator of `search` that Gnocchi's grammar lacks, if any. Gnocchi answers such
 * a search with a 500 (and Aodh passes that on), so it is refused at validation instead; the
 * operands are left to Gnocchi, which answers those with a 400 of its own.
 */
export function unknownSearchOperator(search: JsonValue): string | undefined {
  if (!isJsonObject(search)) return undefined;
  for (const [operator, operand] of Object.entries(search)) {
    if (COMPARISONS.has(operator)) continue;
    if (operator === 'not') {
      const inner = unknownSearchOperator(operand);
      if (inner !== undefined) return inner;
    } else if (COMBINATIONS.has(operator)) {
      for (const item of Array.isArray(operand) ? operand : []) {
        const inner = unknownSearchOperator(item);
        if (inner !== undefined) return inner;
      }
    } else {
      return operator;
    }
  }
  return undefined;
}
