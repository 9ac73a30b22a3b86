import { InvalidInputError } from '../errors.js';
import { invalidInput } from './errors.js';

/**
 * Deepest nesting of objects and arrays accepted in a request body (the body itself is level 1).
 * Generous for real rules (a composite tree at its own cap of 50 levels is about 102 deep) and
 * far below what recursive validation, evaluation and JSON encoding can take on a Lambda stack.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Checks a decoded body before anything else reads it: its nesting is bounded, and every number
 * is finite. JSON.parse turns an overflowing token such as `1e400` into Infinity, which no store
 * can keep and JSON.stringify would silently write as `null` (deliberate departure: Aodh stores
 * `inf` and then emits invalid JSON). Iterative, so a pathologically deep body cannot overflow the stack.
 */
export function checkJsonLimits(body: unknown): void {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw invalidInput(path || 'data', value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan', 'Value should be a finite number');
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new InvalidInputError(`Request body is nested more than ${MAX_JSON_DEPTH} levels deep`, 'body');
    const entries: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [`${path}[${index}]`, item])
      : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item]);
    // Reversed so that the first offending field in document order is the one reported.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [childPath, child] = entries[index] as [string, unknown];
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}
