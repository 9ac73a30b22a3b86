import { describe, expect, it } from 'vitest';
import { pyFloat, pyJsonDumps, pyRepr, pyStr, pyTruthy, pyTypeName } from '../../../shared/validation/python-format.js';

describe('Python text forms', () => {
  it.each([
    [50, '50.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.1, '0.1'],
    [1.5, '1.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e20, '1.5e+20'],
    [123456.789, '123456.789'],
    [-2.5e-7, '-2.5e-07'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
  ])('prints float %s as %s', (value, expected) => {
    expect(pyFloat(value)).toBe(expected);
  });

  it.each([
    [null, 'None'],
    [undefined, 'None'],
    [true, 'True'],
    [false, 'False'],
    [80, '80'],
    [80.5, '80.5'],
    ['abc', "'abc'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['line\nbreak\ttab\\', "'line\\nbreak\\ttab\\\\'"],
    ['\u0001é', "'\\x01é'"],
    [['a', 1, null], "['a', 1, None]"],
    [{ and: 'x', n: { t: true } }, "{'and': 'x', 'n': {'t': True}}"],
    [[], '[]'],
    [{}, '{}'],
  ])('repr(%j) is %s', (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });

  it('str() leaves strings unquoted and reprs the rest', () => {
    expect(pyStr('abc')).toBe('abc');
    expect(pyStr(['abc'])).toBe("['abc']");
    expect(pyStr(undefined)).toBe('None');
  });

  it('cuts runaway nesting instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    expect(pyRepr(deep)).toContain('...');
  });

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

  it('dumps JSON as CPython json.dumps does', () => {
    expect(pyJsonDumps({ and: [{ '=': { created_by_project_id: 'p' } }, { '=': { server_group: 'x' } }] })).toBe(
      '{"and": [{"=": {"created_by_project_id": "p"}}, {"=": {"server_group": "x"}}]}',
    );
    expect(pyJsonDumps({ a: [1, 2.5, null, true], 'é': 'ü\u007f' })).toBe('{"a": [1, 2.5, null, true], "\\u00e9": "\\u00fc\\u007f"}');
    expect(pyJsonDumps({})).toBe('{}');
    expect(pyJsonDumps('quote"back\\')).toBe('"quote\\"back\\\\"');
  });
});
