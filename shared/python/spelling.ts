/**
 * How decoded numbers were spelled. A JS number cannot tell `1.0` from `1`; Python can, and
 * prints them differently (`1.0` vs `1`). json.ts records, for every member of a container it
 * decodes, whether the text wrote it as a float; repr.ts reads that back. Containers that did
 * not come from json.ts (e.g. `JSON.parse` bodies) have no record: their spelling is unknown.
 */
const decoded = new WeakMap<object, Set<string | number>>();

/** Records that `container[key]` was decoded, and whether its text was a float (`1.0`, `1e5`). */
export function markSpelling(container: object, key: string | number, asFloat: boolean): void {
  let floats = decoded.get(container);
  if (!floats) {
    floats = new Set<string | number>();
    decoded.set(container, floats);
  }
  if (asFloat) floats.add(key);
}

/** `float`/`int` when json.ts decoded the member, `auto` when nobody recorded its spelling. */
export function memberSpelling(container: object, key: string | number): 'int' | 'float' | 'auto' {
  const floats = decoded.get(container);
  if (!floats) return 'auto';
  return floats.has(key) ? 'float' : 'int';
}
