import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../../shared/python/json.js';
import { pyFloat, pyJsonDumps, pyNumberRepr, pyRepr, pySetRepr, pyStr, pyStrRepr, pyTupleRepr } from '../../../shared/python/repr.js';

// Expected values are CPython 3.11's own output for the same inputs.
describe('repr() of str', () => {
  it.each([
    ['abc', "'abc'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ['tab\there\nnl', "'tab\\there\\nnl'"],
    ['back\\slash', "'back\\\\slash'"],
    ['é', "'é'"],
    ['\u007f', "'\\x7f'"],
    ['\u0085', "'\\x85'"],
    ['\u200b', "'\\u200b'"],
    ['\u{1F600}', "'\u{1F600}'"],
    ['\ud800', "'\\ud800'"],
    [' ', "' '"],
  ])('repr(%j) is %s', (text, expected) => {
    expect(pyStrRepr(text)).toBe(expected);
  });
});

describe('repr() of int and float', () => {
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
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e300, '1.5e+300'],
    [123456.789, '123456.789'],
    [2.5e-7, '2.5e-07'],
    [42, '42'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ])('repr(%s) is %s', (value, expected) => {
    expect(pyNumberRepr(value)).toBe(expected);
  });

  it('prints integral floats as floats when the JSON spelled them so', () => {
    expect(pyNumberRepr(100, 'float')).toBe('100.0');
    expect(pyNumberRepr(-0, 'float')).toBe('-0.0');
    expect(pyNumberRepr(1e16, 'float')).toBe('1e+16');
    expect(pyRepr(parsePythonJson('[1, 1.0, 1e2, 12345678901234567000, -0.0, NaN]'))).toBe('[1, 1.0, 100.0, 12345678901234567000, -0.0, nan]');
  });

  it('guesses big integral members are floats when no decoder recorded their spelling', () => {
    expect(pyRepr([1e16, 7])).toBe('[1e+16, 7]');
    expect(pyRepr(parsePythonJson('[10000000000000000, 1e16]'))).toBe('[10000000000000000, 1e+16]');
  });
});

describe('repr() and str() of decoded values', () => {
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

  it('prints dicts, lists, None and booleans', () => {
    expect(pyRepr({ a: [1, 'x', null, true], b: { c: false } })).toBe("{'a': [1, 'x', None, True], 'b': {'c': False}}");
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

  it('prints nesting CPython could print in full', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 500; i += 1) deep = [deep];
    expect(pyRepr(deep)).toBe(`${'['.repeat(500)}1${']'.repeat(500)}`);
  });

  it('prints sets and tuples', () => {
    expect(pySetRepr(['eq', 'ne', 'eq'])).toBe("{'eq', 'ne'}");
    expect(pyTupleRepr(['a'])).toBe("('a',)");
    expect(pyTupleRepr(['a', 'b'])).toBe("('a', 'b')");
  });
});

describe('json.dumps()', () => {
  it('dumps JSON as CPython json.dumps does', () => {
    expect(pyJsonDumps({ and: [{ '=': { created_by_project_id: 'p' } }, { '=': { server_group: 'x' } }] })).toBe(
      '{"and": [{"=": {"created_by_project_id": "p"}}, {"=": {"server_group": "x"}}]}',
    );
    expect(pyJsonDumps({ a: [1, 2.5, null, true], 'é': 'ü\u007f' })).toBe('{"a": [1, 2.5, null, true], "\\u00e9": "\\u00fc\\u007f"}');
    expect(pyJsonDumps({})).toBe('{}');
    expect(pyJsonDumps('quote"back\\')).toBe('"quote\\"back\\\\"');
  });

  it("writes JSON as Python's json.dumps does", () => {
    expect(pyJsonDumps({ a: [1, 2.5, 'é'], b: null, c: true, d: '\u007f"' })).toBe('{"a": [1, 2.5, "\\u00e9"], "b": null, "c": true, "d": "\\u007f\\""}');
  });
});
