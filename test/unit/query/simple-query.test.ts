import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../shared/domain/time.js';
import { convertQueryValue, parseSimpleQueries, queryRepr, type QueryParams } from '../../../shared/query/simple-query.js';
import { expectInvalid } from '../../support/expect-error.js';

const stored = (iso: string): string => formatTimestamp(new Date(iso));
const TYPE_LIST = "['integer', 'float', 'string', 'boolean', 'datetime']";

describe('parseSimpleQueries', () => {
  it('aligns repeated q.field / q.op / q.value / q.type by position', () => {
    const params: QueryParams = {
      'q.field': ['name', 'state', 'enabled'],
      'q.op': ['eq', 'ne'],
      'q.value': ['foo', 'alarm', 'True'],
      'q.type': ['', '', 'boolean'],
    };
    expect(parseSimpleQueries(params)).toEqual([
      { field: 'name', op: 'eq', value: 'foo', type: '' },
      { field: 'state', op: 'ne', value: 'alarm', type: '' },
      { field: 'enabled', op: 'eq', value: 'True', type: 'boolean' },
    ]);
  });

  it('defaults the operator to eq (also when sent empty) and the type to none', () => {
    expect(parseSimpleQueries({ 'q.field': ['a', 'b'], 'q.op': [''], 'q.value': ['1', '2'] })).toEqual([
      { field: 'a', op: 'eq', value: '1', type: '' },
      { field: 'b', op: 'eq', value: '2', type: '' },
    ]);
  });

  it('returns no queries when no q.* parameter is present', () => {
    expect(parseSimpleQueries({ limit: ['5'], sort: ['name'] })).toEqual([]);
  });

  it('keeps an empty value', () => {
    expect(parseSimpleQueries({ 'q.field': ['name'], 'q.value': [''] })).toEqual([{ field: 'name', op: 'eq', value: '', type: '' }]);
  });

  it.each([
    ['an operator outside the six', { 'q.field': ['name'], 'q.op': ['like'], 'q.value': ['x'] },
      "Invalid input for field/attribute op. Value: 'like'. Value should be one of: lt, le, eq, ne, ge, gt", 'op'],
    ['an upper-case operator', { 'q.field': ['name'], 'q.op': ['EQ'], 'q.value': ['x'] },
      "Invalid input for field/attribute op. Value: 'EQ'. Value should be one of: lt, le, eq, ne, ge, gt", 'op'],
    ['an unsupported data type', { 'q.field': ['name'], 'q.value': ['x'], 'q.type': ['blob'] },
      `The data type blob is not supported. The supported data type list is: ${TYPE_LIST}`, 'type'],
    ['a value without a field', { 'q.value': ['x'] }, "Invalid input for field/attribute field. Value: 'None'. Mandatory field missing.", 'field'],
    ['an empty field', { 'q.field': [''], 'q.value': ['x'] }, "Invalid input for field/attribute field. Value: 'None'. Mandatory field missing.", 'field'],
    ['a field without a value', { 'q.field': ['name', 'state'], 'q.value': ['x'] },
      "Invalid input for field/attribute value. Value: 'None'. Mandatory field missing.", 'value'],
  ] as const)('rejects %s', (_case, params, message, field) => {
    expectInvalid(() => parseSimpleQueries(params), message, field);
  });
});

describe('convertQueryValue with q.type', () => {
  it.each([
    ['42', 'integer', 42],
    [' -7 ', 'integer', -7],
    ['1_000', 'integer', 1000],
    ['4.5', 'float', 4.5],
    ['1e3', 'float', 1000],
    ['.5', 'float', 0.5],
    ['5.', 'float', 5],
    ['-inf', 'float', -Infinity],
    ['True', 'boolean', true],
    ['yes', 'boolean', true],
    [' on ', 'boolean', true],
    ['0', 'boolean', false],
    ['OFF', 'boolean', false],
    ['f', 'boolean', false],
    ['42', 'string', '42'],
    ["'quoted'", 'string', "'quoted'"],
    // Datetimes come back in the stored form (whatever shared/domain/time.ts renders), in UTC.
    ['2015-01-01T12:00:00.5', 'datetime', stored('2015-01-01T12:00:00.500Z')],
    ['2015-01-01T12:00:00+02:00', 'datetime', stored('2015-01-01T10:00:00Z')],
    ['2015-01-01', 'datetime', stored('2015-01-01T00:00:00Z')],
  ] as const)('%s as %s is %s', (value, type, expected) => {
    expect(convertQueryValue({ value, type })).toBe(expected);
  });

  it('reads NaN as a float', () => {
    expect(convertQueryValue({ value: 'nan', type: 'float' })).toBeNaN();
  });

  it.each([
    ['4.2', 'integer'],
    ['abc', 'integer'],
    ['1__0', 'integer'],
    ['', 'integer'],
    ['abc', 'float'],
    ['1.2.3', 'float'],
    ['maybe', 'boolean'],
    ['2', 'boolean'],
    ['yesterday', 'datetime'],
    ['2015-13-45T99:00:00', 'datetime'],
  ])('refuses %j as %s', (value, type) => {
    expectInvalid(() => convertQueryValue({ value, type }), `Unable to convert the value ${value} to the expected data type ${type}.`, 'value');
  });

  it('refuses a data type it does not know', () => {
    expectInvalid(() => convertQueryValue({ value: '1', type: 'int' }), `The data type int is not supported. The supported data type list is: ${TYPE_LIST}`);
  });

  it('lets a forced type win over q.type, as get_value(forced_type) does', () => {
    expect(convertQueryValue({ value: 'yes', type: 'string' }, 'boolean')).toBe(true);
  });
});

describe('convertQueryValue without q.type (Python literal reading)', () => {
  it.each([
    ['True', true],
    ['False', false],
    ['42', 42],
    ['-42', -42],
    ['+ 5', 5],
    ['4.2', 4.2],
    ['1e3', 1000],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['(5)', 5],
    ['-(5)', -5],
    ['  42', 42],
    ['42 # a comment', 42],
    ["'quoted'", 'quoted'],
    ['"double"', 'double'],
    ["'a' \"b\"", 'ab'],
    ["'tab\\there'", 'tab\there'],
    ["'\\x41\\u00e9'", 'Aé'],
    ["r'raw\\n'", 'raw\\n'],
    ["u'unicode'", 'unicode'],
    ["'''triple'''", 'triple'],
    // Not literals, or literals no alarm field can hold: the raw text is kept.
    ['true', 'true'],
    ['None', 'None'],
    ['foo', 'foo'],
    ['-True', '-True'],
    ['--5', '--5'],
    ['0777', '0777'],
    ['5abc', '5abc'],
    ['1j', '1j'],
    ["b'bytes'", "b'bytes'"],
    ['[1, 2]', '[1, 2]'],
    ["'unterminated", "'unterminated"],
    ['2015-01-01', '2015-01-01'],
    ['', ''],
  ])('%j reads as %j', (value, expected) => {
    expect(convertQueryValue({ value, type: '' })).toBe(expected);
  });
});

describe('queryRepr', () => {
  it("prints Aodh's Query.__repr__, with Unset for a missing type and None for an empty value", () => {
    expect(queryRepr({ field: 'foo', op: 'eq', value: 'bar', type: '' })).toBe("<Query 'foo' eq 'bar' Unset>");
    expect(queryRepr({ field: "it's", op: 'lt', value: '', type: 'string' })).toBe(`<Query "it's" lt None string>`);
  });
});
