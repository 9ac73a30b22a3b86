import type { JsonObject, JsonValue } from '../../domain/alarm.js';
import { invalidInput } from '../../validation/errors.js';
import { isJsonObject } from '../../validation/fields.js';
import { unknownSearchOperator } from './search-operators.js';

/** §2.4 step 1: `query` must hold a JSON search expression (an object, as Gnocchi's search is) of Gnocchi's operators. */
export function parseSearchQuery(text: string): JsonObject {
  let query: unknown;
  try {
    query = JSON.parse(text);
  } catch {
    query = undefined;
  }
  // WSME's InvalidInput with an empty detail: the text ends in ". ".
  if (!isJsonObject(query)) throw invalidInput('rule/query', text, '');
  // Deliberate: Gnocchi (and so Aodh) answers an unknown operator with a 500 (README).
  const unknown = unknownSearchOperator(query);
  if (unknown !== undefined) throw invalidInput('rule/query', text, `Unknown search operator: ${unknown}`);
  return query;
}

/** The simple PERM of §2.4: resources created by the scoping project (no Keystone here for the owner variant). */
export function projectFilter(projectId: string): JsonObject {
  return { '=': { created_by_project_id: projectId } };
}

function sameJson(a: JsonValue | undefined, b: JsonValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i] as JsonValue));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k] as JsonValue));
  }
  return a === b;
}

/**
 * §2.4 step 2: `{"and": [PERM, query]}`. Deliberate fix of §13.16: a query that is already
 * `{"and": [PERM, x]}` for the same project (an update re-sending the stored query) is kept
 * as is instead of growing by one wrapper per PUT.
 */
export function scopeSearchQuery(query: JsonObject, projectId: string): JsonObject {
  const perm = projectFilter(projectId);
  const and = Object.keys(query).length === 1 ? query.and : undefined;
  if (Array.isArray(and) && and.length === 2 && sameJson(and[0], perm)) return query;
  return { and: [perm, query] };
}
