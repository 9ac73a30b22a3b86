import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALARM_SORT_KEYS, compareRecords, HISTORY_SORT_KEYS, parsePagination, type SortKey } from '../../../shared/query/pagination.js';
import { expectInvalid } from '../../support/expect-error.js';

const DEFAULT: SortKey[] = [{ key: 'timestamp', dir: 'desc' }];
const alarms = { sortKeys: ALARM_SORT_KEYS, defaultSort: DEFAULT };
const ALARM_KEYS_TUPLE =
  "('alarm_id', 'enabled', 'name', 'type', 'severity', 'timestamp', 'user_id', 'project_id', 'state', 'repeat_actions', 'state_timestamp')";
const HISTORY_KEYS_TUPLE = "('event_id', 'alarm_id', 'on_behalf_of', 'project_id', 'user_id', 'type', 'timestamp', 'severity')";
const sortMessage = (value: string, keys: string): string =>
  `Invalid input for field/attribute sort. Value: '${value}'. the sort parameter should be a pair of sort key and sort dir ` +
  `combined with ':', or only sort key specified and sort dir will be default 'asc', the supported sort keys are: ${keys}`;

describe('parsePagination', () => {
  it('defaults to the given sort and no limit or marker', () => {
    expect(parsePagination({}, alarms)).toEqual({ sort: DEFAULT });
  });

  it('reads limit, marker and repeated sort keys with their directions', () => {
    expect(parsePagination({ limit: ['10'], marker: ['a1'], sort: ['name', 'severity:desc', 'state:asc'] }, alarms)).toEqual({
      limit: 10,
      marker: 'a1',
      sort: [
        { key: 'name', dir: 'asc' },
        { key: 'severity', dir: 'desc' },
        { key: 'state', dir: 'asc' },
      ],
    });
  });

  it('takes the last limit and marker, and treats empty ones as absent', () => {
    expect(parsePagination({ limit: ['5', ' 7 '], marker: ['a', 'b'] }, alarms)).toMatchObject({ limit: 7, marker: 'b' });
    expect(parsePagination({ limit: [''], marker: [''] }, alarms)).toEqual({ sort: DEFAULT });
  });

  it.each([
    ['0', '0'],
    ['-5', '-5'],
    ['-05', '-5'],
    ['abc', 'abc'],
    ['1.5', '1.5'],
    ['1e3', '1e3'],
  ])('refuses limit=%j', (raw, shown) => {
    expectInvalid(
      () => parsePagination({ limit: [raw] }, alarms),
      `Invalid input for field/attribute limit. Value: '${shown}'. it should be a positive integer.`,
      'limit',
    );
  });

  it('reads an empty direction as the default one, as str.partition leaves it empty', () => {
    expect(parsePagination({ sort: ['name:'] }, alarms).sort).toEqual([{ key: 'name', dir: 'asc' }]);
  });

  it.each(['foo', 'description', 'name:up', 'name:ASC', 'name:asc:desc', ':asc', ''])('refuses sort=%j', (value) => {
    expectInvalid(() => parsePagination({ sort: [value] }, alarms), sortMessage(value, ALARM_KEYS_TUPLE), 'sort');
  });

  it('uses the history sort keys for history', () => {
    const history = { sortKeys: HISTORY_SORT_KEYS, defaultSort: DEFAULT };
    expect(parsePagination({ sort: ['on_behalf_of:desc'] }, history).sort).toEqual([{ key: 'on_behalf_of', dir: 'desc' }]);
    expectInvalid(() => parsePagination({ sort: ['name'] }, history), sortMessage('name', HISTORY_KEYS_TUPLE));
  });
});

describe('compareRecords', () => {
  const byId = { idField: 'alarm_id' };
  const sortIds = (records: object[], sort: SortKey[]): unknown[] =>
    [...records].sort(compareRecords(sort, byId)).map((record) => (record as { alarm_id: string }).alarm_id);

  it('orders strings, numbers and booleans, ascending or descending', () => {
    const records = [
      { alarm_id: 'a', name: 'b', n: 10, on: true },
      { alarm_id: 'b', name: 'a', n: 9, on: false },
      { alarm_id: 'c', name: 'c', n: 100, on: true },
    ];
    expect(sortIds(records, [{ key: 'name', dir: 'asc' }])).toEqual(['b', 'a', 'c']);
    expect(sortIds(records, [{ key: 'n', dir: 'desc' }])).toEqual(['c', 'a', 'b']);
    expect(sortIds(records, [{ key: 'on', dir: 'asc' }, { key: 'name', dir: 'desc' }])).toEqual(['b', 'c', 'a']);
  });

  it('sorts severity by meaning, not alphabetically', () => {
    const records = [
      { alarm_id: '1', severity: 'critical' },
      { alarm_id: '2', severity: 'low' },
      { alarm_id: '3', severity: 'moderate' },
    ];
    expect(sortIds(records, [{ key: 'severity', dir: 'asc' }])).toEqual(['2', '3', '1']);
    expect(sortIds(records, [{ key: 'severity', dir: 'desc' }])).toEqual(['1', '3', '2']);
  });

  it('puts nulls first ascending (last descending)', () => {
    const records = [
      { alarm_id: '1', evaluate_timestamp: '2015-01-01T00:00:00' },
      { alarm_id: '2', evaluate_timestamp: null },
      { alarm_id: '3' },
    ];
    expect(sortIds(records, [{ key: 'evaluate_timestamp', dir: 'asc' }])).toEqual(['2', '3', '1']);
    expect(sortIds(records, [{ key: 'evaluate_timestamp', dir: 'desc' }])).toEqual(['1', '3', '2']);
  });

  it('breaks ties on the id field, in the direction of the last sort key', () => {
    const records = [
      { alarm_id: 'b', timestamp: 't' },
      { alarm_id: 'c', timestamp: 't' },
      { alarm_id: 'a', timestamp: 't' },
    ];
    expect(sortIds(records, [{ key: 'timestamp', dir: 'desc' }])).toEqual(['c', 'b', 'a']);
    expect(sortIds(records, [{ key: 'timestamp', dir: 'asc' }])).toEqual(['a', 'b', 'c']);
    expect(sortIds(records, [])).toEqual(['a', 'b', 'c']);
  });

  it('compares object-valued fields by their JSON text', () => {
    const records = [
      { alarm_id: '1', rule: { threshold: 9 } },
      { alarm_id: '2', rule: { threshold: 10 } },
    ];
    expect(sortIds(records, [{ key: 'rule', dir: 'asc' }])).toEqual(['2', '1']);
  });

  const value = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('low', 'moderate', 'critical', 'bogus', ''),
    fc.string({ maxLength: 3 }),
    fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
  );
  const record = fc.record({ alarm_id: fc.constantFrom('a', 'b', 'c'), severity: value, name: value, n: value }, { requiredKeys: ['alarm_id'] });
  const sortKey = fc.record({ key: fc.constantFrom('severity', 'name', 'n', 'missing'), dir: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') });
  const sorts = fc.array(sortKey, { maxLength: 3 });

  it('is antisymmetric on generated records', () => {
    fc.assert(
      fc.property(sorts, record, record, (sort, a, b) => {
        const compare = compareRecords(sort, byId);
        expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)) || 0);
        expect(compare(a, a)).toBe(0);
      }),
    );
  });

  it('is transitive on generated records', () => {
    fc.assert(
      fc.property(sorts, record, record, record, (sort, a, b, c) => {
        const compare = compareRecords(sort, byId);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
        if (compare(a, b) === 0 && compare(b, c) === 0) expect(compare(a, c)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
