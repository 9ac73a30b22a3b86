import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../../shared/query/python-json.js';
import { pyJsonDumps, pyNumberRepr, pyRepr, pySetRepr, pyStrRepr, pyTupleRepr } from '../../../shared/query/python-repr.js';

// Expected values are CPython 3.11's own output for the same inputs.
describe('Python renderings', () => {
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

  it('prints dicts, lists, None and booleans', () => {
    expect(pyRepr({ a: [1, 'x', null, true], b: { c: false } })).toBe("{'a': [1, 'x', None, True], 'b': {'c': False}}");
  });

  it('prints sets and tuples', () => {
    expect(pySetRepr(['eq', 'ne', 'eq'])).toBe("{'eq', 'ne'}");
    expect(pyTupleRepr(['a'])).toBe("('a',)");
    expect(pyTupleRepr(['a', 'b'])).toBe("('a', 'b')");
  });

  it("writes JSON as Python's json.dumps does", () => {
    expect(pyJsonDumps({ a: [1, 2.5, 'é'], b: null, c: true, d: '\u007f"' })).toBe('{"a": [1, 2.5, "\\u00e9"], "b": null, "c": true, "d": "\\u007f\\""}');
  });

  it('keeps a "__proto__" key as plain data', () => {
    const value = parsePythonJson('{"__proto__": {"polluted": 1}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});
