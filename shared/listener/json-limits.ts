/**
 * Structural checks on a received event before anything reads it. The listen Lambda gets
 * whatever the bus delivers; one hostile or broken event must cost little and never throw,
 * so the walk is iterative, bounded, and rejects anything that is not plain JSON.
 */
import { Buffer } from 'node:buffer';

/** EventBridge's own entry limit: nothing larger can arrive through PutEvents. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Container nesting, the envelope counting as level 1. Real events are a handful deep. */
export const MAX_DEPTH = 32;

/**
 * Why `input` is not an acceptable JSON document, or undefined when it is: only plain objects,
 * arrays, strings, finite numbers, booleans and null; at most MAX_DEPTH levels; at most
 * MAX_EVENT_BYTES of UTF-8 when serialised.
 */
export function jsonProblem(input: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 1 }];
  // Every JSON value takes at least one byte, so more values than bytes means oversized;
  // this also bounds the walk on shared or cyclic references that JSON itself cannot hold.
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() ?? { value: null, depth: 0 };
    values += 1;
    if (values > MAX_EVENT_BYTES) return `event is larger than ${MAX_EVENT_BYTES} bytes`;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'event holds a number JSON cannot represent';
      continue;
    }
    if (typeof value !== 'object') return `event holds a ${typeof value}, which is not JSON`;
    if (depth > MAX_DEPTH) return `event is nested deeper than ${MAX_DEPTH} levels`;
    if (Array.isArray(value)) {
      if (value.length > MAX_EVENT_BYTES) return `event is larger than ${MAX_EVENT_BYTES} bytes`;
      for (let i = 0; i < value.length; i += 1) stack.push({ value: value[i], depth: depth + 1 });
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return 'event holds an object that is not plain JSON';
    const items = Object.values(value);
    if (items.length > MAX_EVENT_BYTES) return `event is larger than ${MAX_EVENT_BYTES} bytes`;
    for (const item of items) stack.push({ value: item, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(input), 'utf8');
  if (bytes > MAX_EVENT_BYTES) return `event is larger than ${MAX_EVENT_BYTES} bytes (${bytes})`;
  return undefined;
}
