import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { parseField, parseObject, type FieldSpec, type ObjectSpec } from '../../../shared/validation/fields.js';
import { expectThrows } from '../../support/expect-error.js';

const prefix = (field: string, value: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. `;

describe('parseField: WSME coercions', () => {
  it.each<[string, FieldSpec, unknown, unknown]>([
    ['int from a numeric string', { type: 'int' }, '180', 180],
    ['int from padded/underscored text', { type: 'int' }, ' 1_000 ', 1000],
    ['int truncates a float like int()', { type: 'int' }, 60.9, 60],
    ['float from an int', { type: 'float' }, 80, 80],
    ['float from a numeric string', { type: 'float' }, '50', 50],
    ['float from exponent text', { type: 'float' }, '1e3', 1000],
    ['bool true', { type: 'bool' }, true, true],
    ...(['true', 't', 'yes', 'y', 'on', '1'] as const).map((v): [string, FieldSpec, unknown, unknown] => [`bool ${v}`, { type: 'bool' }, v, true]),
    ...(['false', 'f', 'no', 'n', 'off', '0'] as const).map((v): [string, FieldSpec, unknown, unknown] => [`bool ${v}`, { type: 'bool' }, v, false]),
    ['bool from int 0', { type: 'bool' }, 0, false],
    ['bool from int 1', { type: 'bool' }, 1, true],
    ['bool from any other int, like Python', { type: 'bool' }, 2, true],
    ['enum member', { type: 'enum', values: ['a', 'b'] }, 'b', 'b'],
    ['string list', { type: 'string[]' }, ['x', 'y'], ['x', 'y']],
    ['absent with default', { type: 'int', default: 60 }, undefined, 60],
    ['null with default', { type: 'int', default: 60 }, null, 60],
    ['null kept when nullable', { type: 'string[]', default: [], nullable: true }, null, null],
    ['absent optional', { type: 'string' }, undefined, undefined],
  ])('%s', (_name, spec, value, expected) => {
    expect(parseField('f', value, spec)).toEqual(expected);
  });

  it.each<[string, FieldSpec, unknown, string]>([
    ['mandatory missing', { type: 'float', mandatory: true }, undefined, `${prefix('f', 'None')}Mandatory field missing.`],
    ['mandatory null', { type: 'string', mandatory: true }, null, `${prefix('f', 'None')}Mandatory field missing.`],
    ['bool for float', { type: 'float' }, true, `${prefix('f', 'True')}Wrong type. Expected '<class 'float'>', got '<class 'bool'>'`],
    ['bool for int', { type: 'int' }, false, `${prefix('f', 'False')}Wrong type. Expected '<class 'int'>', got '<class 'bool'>'`],
    ['list for float', { type: 'float' }, [1], `${prefix('f', '[1]')}Wrong type. Expected '<class 'float'>', got '<class 'list'>'`],
    ['text for float', { type: 'float' }, 'abc', `${prefix('f', 'abc')}could not convert string to float: 'abc'`],
    ['nan for float', { type: 'float' }, 'nan', `${prefix('f', 'nan')}Value should be a finite number`],
    ['text for int', { type: 'int' }, '1.5', `${prefix('f', '1.5')}invalid literal for int() with base 10: '1.5'`],
    ['dict for int', { type: 'int' }, { a: 1 }, `${prefix('f', "{'a': 1}")}Wrong type. Expected '<class 'int'>', got '<class 'dict'>'`],
    ['int below minimum', { type: 'int', min: 1 }, '0', `${prefix('f', '0')}Value should be greater or equal to 1`],
    ['int above maximum', { type: 'int', max: 100 }, 101, `${prefix('f', '101')}Value should be lower or equal to 100`],
    ['int beyond exact range', { type: 'int' }, 1e300, `${prefix('f', '1e+300')}Value should be lower or equal to 9007199254740991`],
    ['ambiguous bool', { type: 'bool' }, 'maybe', `${prefix('f', 'maybe')}Value not an unambiguous boolean: maybe`],
    ['capitalised bool (WSME is case-sensitive)', { type: 'bool' }, 'True', `${prefix('f', 'True')}Value not an unambiguous boolean: True`],
    ['float for bool', { type: 'bool' }, 1.5, `${prefix('f', '1.5')}Value not an unambiguous boolean: 1.5`],
    ['enum miss', { type: 'enum', values: ['a', 'b'] }, 'c', `${prefix('f', 'c')}Value should be one of: a, b`],
    ['enum empty string', { type: 'enum', values: ['a', 'b'] }, '', `${prefix('f', '')}Value should be one of: a, b`],
    ['int for string', { type: 'string' }, 5, `${prefix('f', '5')}Wrong type. Expected '<class 'str'>', got '<class 'int'>'`],
    ['string for list', { type: 'string[]' }, 'log://', `${prefix('f', 'log://')}Wrong type. Expected '[<class 'str'>]', got '<class 'str'>'`],
    ['non-string item', { type: 'string[]' }, ['a', 5], `${prefix('f', "['a', 5]")}Wrong type. Expected '<class 'str'>', got '<class 'int'>'`],
    ['too short', { type: 'string', minLength: 1 }, '', `${prefix('f', '')}Value should have a minimum character requirement of 1`],
    ['too long', { type: 'string', maxLength: 2 }, 'abc', `${prefix('f', 'abc')}Value should have a maximum character requirement of 2`],
    ['too many items', { type: 'string[]', maxItems: 1 }, ['a', 'b'], `${prefix('f', "['a', 'b']")}Value should have at most 1 items`],
    ['custom check', { type: 'int', check: (v) => (v % 2 ? 'odd' : undefined) }, '3', `${prefix('f', '3')}odd`],
  ])('%s', (_name, spec, value, message) => {
    expectThrows(() => parseField('f', value, spec), InvalidInputError, message);
  });

  it('names the field in the error', () => {
    try {
      parseField('threshold', 'x', { type: 'float' });
    } catch (error) {
      expect((error as InvalidInputError).field).toBe('threshold');
    }
  });
});

describe('parseObject', () => {
  const spec = {
    name: { type: 'string', mandatory: true },
    size: { type: 'int', default: 1 },
    items: { type: 'object[]', fields: { id: { type: 'string', mandatory: true } }, default: [] },
  } as const satisfies ObjectSpec;

  it('returns attributes in spec order with defaults filled in', () => {
    expect(Object.keys(parseObject({ items: [], name: 'n' }, spec, 'data'))).toEqual(['name', 'size', 'items']);
    expect(parseObject({ name: 'n' }, spec, 'data')).toEqual({ name: 'n', size: 1, items: [] });
  });

  it('reports unknown attributes before any attribute error, for the argument path', () => {
    expectThrows(() => parseObject({ foo: 1 }, spec, 'data'), UnknownAttributeError, 'Unknown attribute for argument data: foo');
    expectThrows(() => parseObject({ foo: 1, bar: 2 }, spec, 'data'), UnknownAttributeError, 'Unknown attributes for argument data: foo, bar');
    expectThrows(
      () => parseObject({ name: 'n', items: [{ id: 'a', x: 1 }] }, spec, 'data'),
      UnknownAttributeError,
      'Unknown attribute for argument data.items: x',
    );
  });

  it('treats prototype-looking keys as plain unknown attributes', () => {
    expectThrows(() => parseObject(JSON.parse('{"__proto__": {"x": 1}, "name": "n"}'), spec, 'data'), UnknownAttributeError, 'Unknown attribute for argument data: __proto__');
  });

  it('accepts extra known attributes without copying them', () => {
    expect(parseObject({ name: 'n', other: 5 }, spec, 'data', { extraKnown: ['other'] })).toEqual({ name: 'n', size: 1, items: [] });
  });

  it('refuses non-objects, naming the last path segment', () => {
    expectThrows(() => parseObject('x', spec, 'data.event_rule'), InvalidInputError, `${prefix('event_rule', 'x')}Wrong type. Expected '<class 'dict'>', got '<class 'str'>'`);
    expectThrows(() => parseObject({ name: 'n', items: [3] }, spec, 'data'), InvalidInputError, `${prefix('items', '3')}Wrong type. Expected '<class 'dict'>', got '<class 'int'>'`);
  });
});
