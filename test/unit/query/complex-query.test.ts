import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../shared/domain/time.js';
import { parseComplexQuery } from '../../../shared/query/complex-query.js';
import { expectInvalid } from '../../support/expect-error.js';

const ALARM_FIELDS =
  "'^alarm_id$|^type$|^enabled$|^name$|^description$|^timestamp$|^user_id$|^project_id$|^state$|^state_timestamp$|" +
  "^state_reason$|^ok_actions$|^alarm_actions$|^insufficient_data_actions$|^repeat_actions$|^rule$|^time_constraints$|" +
  "^severity$|^evaluate_timestamp$|^user$|^project$'";
const HISTORY_FIELDS = "'^event_id$|^alarm_id$|^type$|^detail$|^user_id$|^project_id$|^on_behalf_of$|^severity$|^timestamp$|^user$|^project$'";
const at = (iso: string): string => formatTimestamp(new Date(iso));

describe('parseComplexQuery: body', () => {
  it('accepts an absent or empty body: no filter, Aodh’s default order, no limit', () => {
    const expected = { orderby: [{ key: 'timestamp', dir: 'desc' }] };
    expect(parseComplexQuery(undefined, 'alarm')).toEqual(expected);
    expect(parseComplexQuery({}, 'alarm')).toEqual(expected);
    expect(parseComplexQuery({ filter: null, orderby: null, limit: null }, 'history')).toEqual(expected);
  });

  it.each([
    [{ filter: { '=': { name: 'x' } } }, "Invalid input for field/attribute filter. Value: '{'=': {'name': 'x'}}'. Wrong type. Expected '<class 'str'>', got '<class 'dict'>'", 'filter'],
    [{ orderby: [{ name: 'asc' }] }, "Invalid input for field/attribute orderby. Value: '[{'name': 'asc'}]'. Wrong type. Expected '<class 'str'>', got '<class 'list'>'", 'orderby'],
    [{ filter: 5 }, "Invalid input for field/attribute filter. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'", 'filter'],
    [{ limit: 'ten' }, "Invalid input for field/attribute limit. Value: 'ten'. Wrong type. Expected '<class 'int'>', got '<class 'str'>'", 'limit'],
    [{ limit: 2.5 }, "Invalid input for field/attribute limit. Value: '2.5'. Wrong type. Expected '<class 'int'>', got '<class 'float'>'", 'limit'],
    [{ limit: 0 }, 'Limit should be positive', 'limit'],
    [{ limit: -3 }, 'Limit should be positive', 'limit'],
    [{ limit: false }, 'Limit should be positive', 'limit'],
    [{ foo: 1 }, 'Unknown attribute for argument body: foo', 'body'],
    [{ foo: 1, bar: 2 }, 'Unknown attributes for argument body: foo, bar', 'body'],
    [[1], "Invalid input for field/attribute body. Value: '[1]'. Wrong type. Expected '<class 'dict'>', got '<class 'list'>'", 'body'],
  ])('refuses %j', (body, message, field) => {
    expectInvalid(() => parseComplexQuery(body, 'alarm'), message, field);
  });

  it('takes an int limit, also as text or a Python bool', () => {
    expect(parseComplexQuery({ limit: 3 }, 'alarm').limit).toBe(3);
    expect(parseComplexQuery({ limit: ' 4 ' }, 'alarm').limit).toBe(4);
    expect(parseComplexQuery({ limit: true }, 'alarm').limit).toBe(1);
  });
});

describe('parseComplexQuery: filter grammar and messages (checked against Python jsonschema 4.26)', () => {
  it.each([
    ['{"=": {"foo": 1}}', `'foo' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['{"foo": 1}', "{'foo': 1} is not valid under any of the given schemas"],
    ['{"and": [{"=": {"name": "x"}}]}', "[{'=': {'name': 'x'}}] is too short"],
    ['{"=": {"name": null}}', 'None is not valid under any of the given schemas'],
    ['{"=": {"name": {"a": 1}}}', "{'a': 1} is not valid under any of the given schemas"],
    ['{"in": {"name": []}}', '[] should be non-empty'],
    ['{"in": {"name": "x"}}', "'x' is not of type 'array'"],
    ['{"in": {"name": [true]}}', 'True is not valid under any of the given schemas'],
    ['{"=": {"foo": 1, "bar": 2}}', "{'=': {'foo': 1, 'bar': 2}} is not valid under any of the given schemas"],
    ['{"=": {"name": "a", "type": "b"}}', "{'name': 'a', 'type': 'b'} has too many properties"],
    ['{}', '{} should be non-empty'],
    ['{"=": {}}', '{} should be non-empty'],
    ['{"=": {"name": "a"}, "!=": {"name": "b"}}', "{'=': {'name': 'a'}, '!=': {'name': 'b'}} has too many properties"],
    ['[]', '[] is not valid under any of the given schemas'],
    ['"abc"', "'abc' is not valid under any of the given schemas"],
    ['5', '5 is not valid under any of the given schemas'],
    ['{"not": {"=": {"Name": "x"}}}', `'Name' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['{"and": [{"=": {"name": "a"}}, {"=": {"foo": "b"}}]}', `'foo' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['{"or": "x"}', "'x' is not of type 'array'"],
    ['{"=": {"metadata.foo": "x"}}', `'metadata.foo' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['{"=": {"on_behalf_of": "p"}}', `'on_behalf_of' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['{"=": {"x": 1.0}, "y": [1e400, -0.0]}', "{'=': {'x': 1.0}, 'y': [inf, -0.0]} has too many properties"],
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['{"=": ', 'Expecting value: line 1 column 7 (char 6)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ["{'=': {'name': 'x'}}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{"=": {"name": "x"}} x', 'Extra data: line 1 column 22 (char 21)'],
    ['{"=": {"name": "a\\qb"}}', 'Invalid \\escape: line 1 column 18 (char 17)'],
    ['{"=": {"name": "a\\u12"}}', 'Invalid \\uXXXX escape: line 1 column 19 (char 18)'],
    ['{"=": {"name": "a\u0001"}}', 'Invalid control character at: line 1 column 18 (char 17)'],
    ['{"=": {"name": "abc', 'Unterminated string starting at: line 1 column 16 (char 15)'],
    ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['\n\n  {', 'Expecting property name enclosed in double quotes: line 3 column 4 (char 5)'],
  ])('filter %j → %s', (filter, message) => {
    expectInvalid(() => parseComplexQuery({ filter }, 'alarm'), `Filter expression not valid: ${message}`, 'filter');
  });

  it('uses the history fields for history queries', () => {
    expectInvalid(
      () => parseComplexQuery({ filter: '{"=": {"name": "x"}}' }, 'history'),
      `Filter expression not valid: 'name' does not match any of the regexes: ${HISTORY_FIELDS}`,
    );
    expect(parseComplexQuery({ filter: '{"=": {"on_behalf_of": "p"}}' }, 'history').filter).toEqual({ op: '=', field: 'on_behalf_of', value: 'p' });
  });

  const nested = (levels: number, leaf: string): string => `${'{"not": '.repeat(levels)}${leaf}${'}'.repeat(levels)}`;

  it('refuses nesting deeper than Aodh can validate (it fails from ~130 levels with a 500)', () => {
    expectInvalid(
      () => parseComplexQuery({ filter: nested(250, '{"=": {"name": "x"}}') }, 'alarm'),
      'Filter expression not valid: maximum recursion depth exceeded while decoding a JSON document',
    );
  });

  it('validates and explains filters nested right up to the limit without exhausting the stack', () => {
    expect(parseComplexQuery({ filter: nested(195, '{"=": {"name": "x"}}') }, 'alarm').filter?.op).toBe('not');
    expectInvalid(
      () => parseComplexQuery({ filter: nested(195, '{"=": {"name": null}}') }, 'alarm'),
      'Filter expression not valid: None is not valid under any of the given schemas',
    );
  });
});

describe('parseComplexQuery: the filter tree', () => {
  it('lower-cases operators, folds synonyms and resolves aliases', () => {
    const filter = JSON.stringify({
      AND: [{ '=<': { user: 'u1' } }, { Or: [{ '=>': { project: 'p1' } }, { NOT: { IN: { state: ['ok', 'alarm'] } } }] }, { '=~': { name: '^cpu' } }],
    });
    expect(parseComplexQuery({ filter }, 'alarm').filter).toEqual({
      op: 'and',
      operands: [
        { op: '<=', field: 'user_id', value: 'u1' },
        { op: 'or', operands: [{ op: '>=', field: 'project_id', value: 'p1' }, { op: 'not', operand: { op: 'in', field: 'state', values: ['ok', 'alarm'] } }] },
        { op: '=~', field: 'name', value: '^cpu' },
      ],
    });
  });

  it('normalises timestamp and state_timestamp values to the stored form', () => {
    const filter = JSON.stringify({ and: [{ '>': { timestamp: '2015-01-01T12:00:00+02:00' } }, { '<': { state_timestamp: '2015-01-02' } }] });
    expect(parseComplexQuery({ filter }, 'alarm').filter).toEqual({
      op: 'and',
      operands: [
        { op: '>', field: 'timestamp', value: at('2015-01-01T10:00:00Z') },
        { op: '<', field: 'state_timestamp', value: at('2015-01-02T00:00:00Z') },
      ],
    });
  });

  it('normalises an ISO evaluate_timestamp but keeps other text as sent', () => {
    expect(parseComplexQuery({ filter: '{"<": {"evaluate_timestamp": "2015-01-01"}}' }, 'alarm').filter).toEqual({
      op: '<', field: 'evaluate_timestamp', value: at('2015-01-01T00:00:00Z'),
    });
    expect(parseComplexQuery({ filter: '{"=": {"evaluate_timestamp": "soon"}}' }, 'alarm').filter).toEqual({
      op: '=', field: 'evaluate_timestamp', value: 'soon',
    });
  });

  it.each([
    ['{"=": {"timestamp": "yesterday"}}', 'Failed to parse the timestamp value yesterday'],
    ['{"=": {"timestamp": 42}}', 'Failed to parse the timestamp value 42'],
    ['{"=": {"timestamp": true}}', 'Failed to parse the timestamp value True'],
    ['{"in": {"timestamp": ["2015-01-01"]}}', "Failed to parse the timestamp value ['2015-01-01']"],
    ['{"and": [{"=": {"name": "x"}}, {"not": {"=~": {"state_timestamp": "2015.*"}}}]}', 'Failed to parse the timestamp value 2015.*'],
  ])('refuses %s', (filter, message) => {
    expectInvalid(() => parseComplexQuery({ filter }, 'alarm'), message, 'filter');
  });

  it('refuses a regular expression the engine cannot compile', () => {
    expectInvalid(
      () => parseComplexQuery({ filter: '{"=~": {"name": "a(b"}}' }, 'alarm'),
      "Filter expression not valid: 'a(b' is not a valid regular expression",
    );
  });
});

describe('parseComplexQuery: orderby', () => {
  it('lower-cases directions and resolves aliases', () => {
    expect(parseComplexQuery({ orderby: '[{"name": "ASC"}, {"user": "Desc"}]' }, 'alarm').orderby).toEqual([
      { key: 'name', dir: 'asc' },
      { key: 'user_id', dir: 'desc' },
    ]);
  });

  it('keeps an explicit empty order empty', () => {
    expect(parseComplexQuery({ orderby: '[]' }, 'alarm').orderby).toEqual([]);
  });

  it.each([
    ['[{"foo": "asc"}]', `'foo' does not match any of the regexes: ${ALARM_FIELDS}`],
    ['[{"name": "up"}]', "'up' does not match '(?i)^asc$|^desc$'"],
    ['[{"name": 1}]', "1 is not of type 'string'"],
    ['{"name": "asc"}', "{'name': 'asc'} is not of type 'array'"],
    ['[{"name": "asc", "type": "desc"}]', "{'name': 'asc', 'type': 'desc'} has too many properties"],
    ['[{}]', '{} should be non-empty'],
    ['"x"', "'x' is not of type 'array'"],
    ['[', 'Expecting value: line 1 column 2 (char 1)'],
  ])('refuses %s', (orderby, message) => {
    expectInvalid(() => parseComplexQuery({ orderby }, 'alarm'), `Order-by expression not valid: ${message}`, 'orderby');
  });

  it('checks the filter before the order-by and the order-by before the limit', () => {
    expectInvalid(() => parseComplexQuery({ filter: '{}', orderby: '[', limit: 0 }, 'alarm'), 'Filter expression not valid: {} should be non-empty');
    expectInvalid(() => parseComplexQuery({ orderby: '[', limit: 0 }, 'alarm'), 'Order-by expression not valid: Expecting value: line 1 column 2 (char 1)');
  });
});
