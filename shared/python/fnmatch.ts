/**
 * Python's `fnmatch.fnmatch(name, pattern)` on POSIX (case-sensitive, whole string), which Aodh
 * applies to an event alarm's `event_type` pattern (§5.3.2); silences match alarm names with it too.
 *
 * We do not translate to a JS RegExp: Python's bracket rules differ from JS's (`[]a]`, `[!...]`,
 * its range clean-up), and a backtracking regex over a user's `*a*a*a*b` is a ReDoS vector
 * for the listener. The pattern compiles once to one-character steps with stars as self-loops,
 * a small NFA that `globMatch` runs bit-parallel (Shift-And): every state advances together on
 * each character, nothing backtracks, so a match costs O(name × ⌈steps / 32⌉) whatever the
 * pattern holds. Lengths are capped besides (the API's pattern cap, the listener's event-type
 * cap). Everything works on code points, as Python's str does.
 */

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'char'; cp: number }
  | { kind: 'class'; negated: boolean; chars: ReadonlySet<number>; ranges: ReadonlyArray<readonly [number, number]> }
  | { kind: 'never' };

/** A compiled pattern: its one-character steps and where stars loop (see globMatch). */
export interface Glob {
  readonly steps: readonly Step[];
  /** 32-bit words per state set: states 0..steps.length, one bit each. */
  readonly words: number;
  /** Bit j: a star sits before step j (bit steps.length: a trailing star), so state j loops on any character. */
  readonly loops: Uint32Array;
  /** Per code point seen, bit j+1 set when step j accepts it. Filled lazily, at most MASKS_CACHED. */
  readonly masks: Map<number, Uint32Array>;
}

type Step = Exclude<Token, { kind: 'star' }>;

/** Distinct characters whose masks a glob keeps (event types are mostly ASCII: a few dozen). */
const MASKS_CACHED = 256;

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
  const steps: Step[] = [];
  const starBefore: number[] = [];
  for (const token of tokens) {
    if (token.kind === 'star') starBefore.push(steps.length);
    else steps.push(token);
  }
  const words = Math.floor(steps.length / 32) + 1;
  const loops = new Uint32Array(words);
  for (const at of starBefore) loops[at >>> 5] = ((loops[at >>> 5] ?? 0) | (1 << (at & 31))) >>> 0;
  return { steps, words, loops, masks: new Map() };
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

function maskFor(glob: Glob, point: number): Uint32Array {
  const cached = glob.masks.get(point);
  if (cached !== undefined) return cached;
  const mask = new Uint32Array(glob.words);
  glob.steps.forEach((step, j) => {
    const bit = j + 1;
    if (matchesOne(step, point)) mask[bit >>> 5] = ((mask[bit >>> 5] ?? 0) | (1 << (bit & 31))) >>> 0;
  });
  if (glob.masks.size < MASKS_CACHED) glob.masks.set(point, mask);
  return mask;
}

/**
 * Whole-string match; a star may match any run, newlines included (Python's `(?s:...)\Z`).
 * State j means "the first j steps matched". On each character every active state moves
 * together: j to j+1 when step j accepts the character, and j stays when a star loops there.
 */
export function globMatch(glob: Glob, name: string): boolean {
  const { words, loops } = glob;
  let state = new Uint32Array(words);
  let next = new Uint32Array(words);
  state[0] = 1;
  for (const char of name) {
    const mask = maskFor(glob, cp(char));
    let carry = 0;
    let alive = 0;
    for (let w = 0; w < words; w += 1) {
      const current = state[w] ?? 0;
      const moved = (((current << 1) | carry) & (mask[w] ?? 0)) >>> 0;
      carry = current >>> 31;
      const value = (moved | (current & (loops[w] ?? 0))) >>> 0;
      next[w] = value;
      alive |= value;
    }
    if (alive === 0) return false;
    [state, next] = [next, state];
  }
  const accept = glob.steps.length;
  return ((state[accept >>> 5] ?? 0) & (1 << (accept & 31))) !== 0;
}

export function fnmatch(name: string, pattern: string): boolean {
  return globMatch(compileGlob(pattern), name);
}
