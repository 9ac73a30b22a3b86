import { describe, expect, it } from 'vitest';
import { pyCompareText, pySorted } from '../../../shared/python/builtins.js';
import { boolFromString } from '../../../shared/python/strutils.js';

describe('oslo bool_from_string(strict=True)', () => {
  it.each([['1', true], [' Yes ', true], ['ON', true], ['t', true], ['0', false], ['No', false], ['off ', false], ['F', false]] as const)('%j is %s', (text, value) => {
    expect(boolFromString(text)).toBe(value);
  });

  it.each(['', 'maybe', '2', 'truee', 'enabled'])('%j raises (undefined)', (text) => {
    expect(boolFromString(text)).toBeUndefined();
  });
});

describe("Python's str ordering", () => {
  it('orders by code point, not by UTF-16 unit', () => {
    // U+FF5E is one unit above the surrogates in UTF-16 order, but below U+1F600 by code point.
    expect(pyCompareText('\uff5e', '😀')).toBeLessThan(0);
    expect('\uff5e' < '😀').toBe(false);
    expect(pyCompareText('a😀', 'a\uff5e')).toBeGreaterThan(0);
    expect(pyCompareText('ab', 'abc')).toBeLessThan(0);
    expect(pyCompareText('x', 'x')).toBe(0);
    expect(pySorted(['😀', '\uff5e', 'b', 'a'])).toEqual(['a', 'b', '\uff5e', '😀']);
  });
});
