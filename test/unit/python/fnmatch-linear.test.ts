import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, fnmatch, globMatch } from '../../../shared/python/fnmatch.js';

/** A reference for patterns of `*`, `?` and literals only: the backtracking definition itself. */
function reference(name: string, pattern: string): boolean {
  const n = Array.from(name);
  const p = Array.from(pattern);
  const memo = new Map<string, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (j === p.length) result = i === n.length;
    else if (p[j] === '*') result = at(i, j + 1) || (i < n.length && at(i + 1, j));
    else result = i < n.length && (p[j] === '?' || p[j] === n[i]) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

describe('fnmatch as a bit-parallel NFA (issue 11 A11)', () => {
  const alphabet = fc.constantFrom('a', 'b', '.', '😀');
  const patternChars = fc.constantFrom('a', 'b', '.', '😀', '*', '?');

  it('agrees with the backtracking definition, including patterns longer than one 32-bit word', () => {
    fc.assert(
      fc.property(fc.array(patternChars, { maxLength: 80 }), fc.array(alphabet, { maxLength: 90 }), (pattern, name) => {
        expect(fnmatch(name.join(''), pattern.join(''))).toBe(reference(name.join(''), pattern.join('')));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches across word boundaries: 31, 32, 33 and 100 steps', () => {
    for (const length of [31, 32, 33, 64, 100]) {
      const name = 'x'.repeat(length);
      expect(fnmatch(name, '?'.repeat(length))).toBe(true);
      expect(fnmatch(name, '?'.repeat(length - 1))).toBe(false);
      expect(fnmatch(`${name}y`, `${'?'.repeat(length)}*y`)).toBe(true);
      expect(fnmatch(name, `${'x'.repeat(length - 1)}[xy]`)).toBe(true);
    }
  });

  it('costs time linear in the name, whatever the pattern: no case is quadratic', () => {
    // Before: the greedy-star matcher retried the literal after the star at every position,
    // O(pattern × name): about 8 s here. Now about 32 words per character: well under a second.
    const hostile = compileGlob(`*${'a'.repeat(1000)}b`);
    const name = 'a'.repeat(100_000);
    const started = performance.now();
    expect(globMatch(hostile, name)).toBe(false);
    expect(globMatch(hostile, `${name}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
