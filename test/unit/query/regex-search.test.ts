import { describe, expect, it } from 'vitest';
import { compileSearch, MAX_SEARCH_PATTERN_LENGTH } from '../../../shared/query/regex-search.js';

describe('compileSearch (RE2)', () => {
  it.each([
    ['^cpu', 'cpu high', true],
    ['high$', 'cpu high', true],
    ['u h', 'cpu high', true],
    ['^CPU', 'cpu high', false],
    ['(?i)^CPU', 'cpu high', true],
    ['t[wh]', 'three', true],
  ])('%s on %s is %s', (pattern, subject, expected) => {
    expect(compileSearch(pattern)?.test(subject)).toBe(expected);
  });

  it('runs nested quantifiers in linear time', () => {
    const search = compileSearch('^(a+)+$');
    const started = performance.now();
    expect(search?.test('a'.repeat(10_000) + 'b')).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('does not compile what RE2 refuses, nor an over-long pattern', () => {
    expect(compileSearch('a(b')).toBeUndefined();
    expect(compileSearch('(a)\\1')).toBeUndefined();
    expect(compileSearch('x'.repeat(MAX_SEARCH_PATTERN_LENGTH + 1))).toBeUndefined();
    expect(compileSearch('x'.repeat(MAX_SEARCH_PATTERN_LENGTH))).toBeDefined();
  });
});
