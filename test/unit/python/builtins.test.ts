import { describe, expect, it } from 'vitest';
import { pyTruthy, pyTypeName } from '../../../shared/python/builtins.js';

describe('Python builtins on decoded JSON', () => {
  it.each([
    [null, 'NoneType'],
    [true, 'bool'],
    [1, 'int'],
    [1.5, 'float'],
    ['s', 'str'],
    [[], 'list'],
    [{}, 'dict'],
  ])('type name of %j is %s', (value, expected) => {
    expect(pyTypeName(value)).toBe(expected);
  });

  it.each([
    [null, false],
    [0, false],
    ['', false],
    [[], false],
    [{}, false],
    [false, false],
    ['x', true],
    [1, true],
    [[0], true],
    [{ a: 1 }, true],
  ])('truthiness of %j is %s', (value, expected) => {
    expect(pyTruthy(value)).toBe(expected);
  });
});
