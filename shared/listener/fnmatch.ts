/**
 * Python's `fnmatch.fnmatch(name, pattern)` on POSIX (case-sensitive, whole string), which Aodh
 * applies to an event alarm's `event_type` pattern (§5.3.2).
 *
 * We do not translate to a JS RegExp: Python's bracket rules differ from JS's (`[]a]`, `[!...]`,
 * its range clean-up), and a backtracking regex over a user's `*a*a*a*b` is a ReDoS vector
 * for the listener. Instead the pattern compiles to one-character tokens plus stars, and
 * `globMatch` is the classic greedy-star matcher: O(pattern × name), no catastrophic cases.
 * Everything works on code points, as Python's str does.
 */

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'char'; cp: number }
  | { kind: 'class'; negated: boolean; chars: ReadonlySet<number>; ranges: ReadonlyArray<readonly [number, number]> }
  | { kind: 'never' };

export interface Glob {
  readonly tokens: readonly Token[];
}

const cp = (char: string | undefined): number => char?.codePointAt(0) ?? -1;

/**
 * The bracket expression whose contents are `p[start..end)` (end is the closing `]`), following
 * CPython 3.11's `fnmatch.translate` step by step: split at range dashes (the first character
 * and the one after a range never start a range), drop empty ranges such as `z-a` together with
 * their endpoints, then read what is left with Python's regex class rules.
 */
function bracket(p: readonly string[], start: number, end: number): Token {
  const stuff = p.slice(start, end);
  let chunks: string[][];
  if (!stuff.includes('-')) {
    chunks = [stuff];
  } else {
    chunks = [];
    let from = start;
    let k = p[start] === '!' ? start + 2 : start + 1;
    for (;;) {
      let dash = -1;
      for (let x = k; x < end; x += 1) if (p[x] === '-') { dash = x; break; }
      if (dash < 0) break;
      chunks.push(p.slice(from, dash));
      from = dash + 1;
      k = dash + 3;
    }
    const last = p.slice(from, end);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1]?.push('-');
    for (let k2 = chunks.length - 1; k2 > 0; k2 -= 1) {
      const before = chunks[k2 - 1] ?? [];
      const after = chunks[k2] ?? [];
      if (cp(before[before.length - 1]) > cp(after[0])) {
        chunks[k2 - 1] = [...before.slice(0, -1), ...after.slice(1)];
        chunks.splice(k2, 1);
      }
    }
  }
  const flat = chunks.flat();
  if (flat.length === 0) return { kind: 'never' };
  if (flat.length === 1 && flat[0] === '!') return { kind: 'any' };
  const negated = flat[0] === '!';
  const chars = new Set<number>();
  const ranges: Array<readonly [number, number]> = [];
  chunks.forEach((chunk, index) => {
    // The negation mark is the first character of the first chunk; everything else is literal
    // (Python escapes `\`, `-`, `^`, `[`, `&`, `~`, `|`), except the dash joining two chunks.
    chunk.forEach((char, at) => {
      if (!(negated && index === 0 && at === 0)) chars.add(cp(char));
    });
    const next = chunks[index + 1];
    if (next !== undefined) ranges.push([cp(chunk[chunk.length - 1]), cp(next[0])]);
  });
  return { kind: 'class', negated, chars, ranges };
}

export function compileGlob(pattern: string): Glob {
  const p = Array.from(pattern);
  const tokens: Token[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i] ?? '';
    i += 1;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
    } else if (c === '[') {
      let j = i;
      if (p[j] === '!') j += 1;
      if (p[j] === ']') j += 1;
      while (j < p.length && p[j] !== ']') j += 1;
      if (j >= p.length) {
        // No closing bracket: a literal `[`, and what follows is read normally.
        tokens.push({ kind: 'char', cp: cp('[') });
      } else {
        tokens.push(bracket(p, i, j));
        i = j + 1;
      }
    } else {
      tokens.push({ kind: 'char', cp: cp(c) });
    }
  }
  return { tokens };
}

function matchesOne(token: Token, point: number): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'char':
      return token.cp === point;
    case 'class': {
      const inside = token.chars.has(point) || token.ranges.some(([lo, hi]) => lo <= point && point <= hi);
      return inside !== token.negated;
    }
    default:
      return false;
  }
}

/** Whole-string match; a star may match any run, newlines included (Python's `(?s:...)\Z`). */
export function globMatch(glob: Glob, name: string): boolean {
  const tokens = glob.tokens;
  const points = Array.from(name, (char) => cp(char));
  let t = 0;
  let s = 0;
  let starAt = -1;
  let starFrom = 0;
  while (s < points.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starAt = t;
      starFrom = s;
      t += 1;
    } else if (token !== undefined && matchesOne(token, points[s] ?? -1)) {
      t += 1;
      s += 1;
    } else if (starAt >= 0) {
      // Let the last star swallow one more character and retry: every other token is one character wide.
      t = starAt + 1;
      starFrom += 1;
      s = starFrom;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t += 1;
  return t === tokens.length;
}

export function fnmatch(name: string, pattern: string): boolean {
  return globMatch(compileGlob(pattern), name);
}
