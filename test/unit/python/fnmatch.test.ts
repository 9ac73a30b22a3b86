import { describe, expect, it } from 'vitest';
import { fnmatch } from '../../../shared/python/fnmatch.js';

// Expected values are CPython 3.11's `fnmatch.fnmatchcase(name, pattern)` for the same inputs
// (what `fnmatch.fnmatch` does on Linux, where Aodh runs).
const PYTHON: Array<[pattern: string, name: string, matches: boolean]> = [
  ['compute.instance.*', 'compute.instance.update', true],
  ['compute.instance.*', 'compute.instance.', true],
  ['compute.instance.*', 'compute_instance_update', false],
  ['compute.instance.*', 'Compute.instance.update', false],
  ['*', '', true],
  ['*', 'anything\nwith newline', true],
  ['', '', true],
  ['', 'a', false],
  ['compute.*.end', 'compute.instance.create.end', true],
  ['compute.?.end', 'compute.x.end', true],
  ['compute.?.end', 'compute.xy.end', false],
  ['?', '\u{1F600}', true],
  ['??', '\u{1F600}', false],
  ['a.b', 'a.b', true],
  ['a.b', 'axb', false],
  ['a+b', 'a+b', true],
  ['a+b', 'aab', false],
  ['(x)|y', '(x)|y', true],
  ['(x)|y', 'x', false],
  ['^a$', '^a$', true],
  ['a{2}', 'a{2}', true],
  ['a{2}', 'aa', false],
  ['a\\d', 'a\\d', true],
  ['a\\d', 'a1', false],
  ['[abc]', 'b', true],
  ['[abc]', 'd', false],
  ['[!abc]', 'd', true],
  ['[!abc]', 'a', false],
  ['[!a]x', 'bx', true],
  ['[!a]x', 'ax', false],
  ['[a-c]x', 'bx', true],
  ['[a-c]x', 'dx', false],
  ['[z-a]', 'z', false],
  ['[z-a]', 'a', false],
  ['[!z-a]', 'q', true],
  ['[]]', ']', true],
  ['[]a]', 'a', true],
  ['[!]]', ']', false],
  ['[!]]', 'a', true],
  ['[]', '[]', true],
  ['[', '[', true],
  ['[a', '[a', true],
  ['a[', 'a[', true],
  ['[-a]', '-', true],
  ['[a-]', '-', true],
  ['[!-]', '-', false],
  ['[!-]', 'x', true],
  ['[a--c]', '-', false],
  ['[a--c]', 'b', false],
  ['[^a]', '^', true],
  ['[^a]', 'b', false],
  ['[\\]', '\\', true],
  ['[a-c-e]', '-', true],
  ['[a-c-e]', 'd', false],
  ['[a-c-e]', 'e', true],
  ['[&&]', '&', true],
  ['[|~]', '~', true],
  ['[[]', '[', true],
  ['[*]', '*', true],
  ['[*]', 'x', false],
  ['[?]', '?', true],
  ['[?]', 'x', false],
  ['*.end', 'x.start', false],
];

describe('fnmatch (Python semantics)', () => {
  it.each(PYTHON)('pattern %j against %j: %s', (pattern, name, matches) => {
    expect(fnmatch(name, pattern)).toBe(matches);
  });

  it('does not backtrack catastrophically on many stars', () => {
    const started = performance.now();
    expect(fnmatch('a'.repeat(5000), `${'*a'.repeat(50)}*b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
