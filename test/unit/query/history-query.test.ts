import { describe, expect, it } from 'vitest';
import type { AlarmChange } from '../../../shared/domain/history.js';
import { formatTimestamp } from '../../../shared/domain/time.js';
import { parseHistoryQuery } from '../../../shared/query/history-query.js';
import type { SimpleQuery } from '../../../shared/query/simple-query.js';
import { expectInvalid } from '../../support/expect-error.js';

function q(field: string, value: string, op: SimpleQuery['op'] = 'eq', type = ''): SimpleQuery {
  return { field, op, value, type };
}

const at = (iso: string): string => formatTimestamp(new Date(iso));

function change(overrides: Partial<AlarmChange> = {}): AlarmChange {
  return {
    event_id: 'e1',
    alarm_id: 'a1',
    type: 'state transition',
    detail: '{}',
    user_id: 'u1',
    project_id: 'p1',
    on_behalf_of: 'p1',
    timestamp: at('2015-01-01T12:00:00Z'),
    severity: 'low',
    ...overrides,
  };
}

const VALID_KEYS = "['project', 'search_offset', 'severity', 'timestamp', 'type', 'user']";

describe('parseHistoryQuery', () => {
  it('matches everything without filters', () => {
    const { predicate, projectId, projectIds } = parseHistoryQuery([]);
    expect(predicate(change())).toBe(true);
    expect(projectId).toBeUndefined();
    expect(projectIds).toEqual([]);
  });

  it.each([
    ['user', 'u1', { user_id: 'u2' }],
    ['user_id', 'u1', { user_id: 'u2' }],
    ['type', 'state transition', { type: 'creation' as const }],
    ['severity', 'low', { severity: 'critical' }],
  ])('filters %s by equality', (field, value, other) => {
    const { predicate } = parseHistoryQuery([q(field, value)]);
    expect(predicate(change())).toBe(true);
    expect(predicate(change(other))).toBe(false);
  });

  it("filters project on the change's project_id (who made it), not on on_behalf_of", () => {
    const { predicate, projectId } = parseHistoryQuery([q('project', 'p1')]);
    expect(projectId).toBe('p1');
    expect(predicate(change({ project_id: 'p1', on_behalf_of: 'p9' }))).toBe(true);
    // An evaluator transition: made by the service project on behalf of p1.
    expect(predicate(change({ project_id: 'service', on_behalf_of: 'p1' }))).toBe(false);
  });

  it('reports every project named, the first one as projectId', () => {
    const { projectId, projectIds } = parseHistoryQuery([q('project_id', 'mine'), q('project', 'theirs')]);
    expect(projectId).toBe('mine');
    expect(projectIds).toEqual(['mine', 'theirs']);
  });

  it('compares values as given, without literal reading', () => {
    const { predicate } = parseHistoryQuery([q('user', "'u1'")]);
    expect(predicate(change({ user_id: 'u1' }))).toBe(false);
    expect(predicate(change({ user_id: "'u1'" }))).toBe(true);
  });

  it.each([
    ['gt', '2015-01-01T12:00:00', false],
    ['ge', '2015-01-01T12:00:00', true],
    ['lt', '2015-01-01T12:00:00', false],
    ['le', '2015-01-01T12:00:00', true],
    ['gt', '2015-01-01T11:59:59', true],
    ['lt', '2015-01-01T12:00:01', true],
    ['ge', '2015-01-01T14:00:00+02:00', true],
    ['gt', '2015-01-01T14:00:00+02:00', false],
  ] as const)('applies timestamp %s %s', (op, value, expected) => {
    expect(parseHistoryQuery([q('timestamp', value, op)]).predicate(change())).toBe(expected);
  });

  it('combines a lower and an upper bound', () => {
    const { predicate } = parseHistoryQuery([q('timestamp', '2015-01-01T11:00:00', 'gt'), q('timestamp', '2015-01-01T13:00:00', 'lt')]);
    expect(predicate(change())).toBe(true);
    expect(predicate(change({ timestamp: at('2015-01-01T13:00:00Z') }))).toBe(false);
    expect(predicate(change({ timestamp: at('2015-01-01T10:59:59.5Z') }))).toBe(false);
  });

  it('widens both bounds by search_offset minutes', () => {
    const bounds = [q('timestamp', '2015-01-01T12:10:00', 'ge'), q('timestamp', '2015-01-01T11:50:00', 'le')];
    expect(parseHistoryQuery(bounds).predicate(change())).toBe(false);
    expect(parseHistoryQuery([...bounds, q('search_offset', '10')]).predicate(change())).toBe(true);
    expect(parseHistoryQuery([...bounds, q('search_offset', '9')]).predicate(change())).toBe(false);
  });

  it('treats an empty timestamp value as no bound, as Aodh does', () => {
    expect(parseHistoryQuery([q('timestamp', '', 'gt')]).predicate(change())).toBe(true);
  });

  it.each([
    [[q('timestamp', '2015-01-01', 'eq')], "Invalid input for field/attribute op. Value: 'eq'. unimplemented operator for timestamp", 'op'],
    [[q('timestamp', '2015-01-01', 'gt'), q('timestamp', '2015-01-02', 'ne')],
      "Invalid input for field/attribute op. Value: 'ne'. unimplemented operator for timestamp", 'op'],
    [[q('timestamp', '2015-01-01', 'gt'), q('search_offset', '5', 'gt')],
      "Invalid input for field/attribute op. Value: 'gt'. unimplemented operator for search_offset", 'op'],
    [[q('search_offset', '5')],
      "Invalid input for field/attribute field. Value: 'search_offset'. search_offset cannot be used without timestamp", 'field'],
    [[q('user', 'u1', 'ne')], "Invalid input for field/attribute op. Value: 'ne'. unimplemented operator for user", 'op'],
    [[q('project_id', 'p1', 'lt')], "Invalid input for field/attribute op. Value: 'lt'. unimplemented operator for project_id", 'op'],
    [[q('alarm_id', 'a1')],
      `Unknown argument: "alarm_id": unrecognized field in query: [<Query 'alarm_id' eq 'a1' Unset>], valid keys: ${VALID_KEYS}`, 'field'],
    [[q('on_behalf_of', 'p1')],
      `Unknown argument: "on_behalf_of": unrecognized field in query: [<Query 'on_behalf_of' eq 'p1' Unset>], valid keys: ${VALID_KEYS}`, 'field'],
    [[q('constructor', 'x')],
      `Unknown argument: "constructor": unrecognized field in query: [<Query 'constructor' eq 'x' Unset>], valid keys: ${VALID_KEYS}`, 'field'],
    [[q('user', 'u1'), q('foo', 'bar', 'lt', 'string')],
      `Unknown argument: "foo": unrecognized field in query: [<Query 'user' eq 'u1' Unset>, <Query 'foo' lt 'bar' string>], valid keys: ${VALID_KEYS}`, 'field'],
    [[q('timestamp', 'yesterday', 'gt')], "Invalid input for field/attribute timestamp. Value: 'yesterday'. invalid timestamp format", 'timestamp'],
    [[q('timestamp', '2015-01-01', 'gt'), q('search_offset', 'ten')], 'Unable to convert the value ten to the expected data type integer.', 'value'],
  ])('refuses %j', (queries, message, field) => {
    expectInvalid(() => parseHistoryQuery(queries), message, field);
  });

  it('checks timestamp operators before unknown fields, as Aodh does', () => {
    expectInvalid(
      () => parseHistoryQuery([q('foo', 'x'), q('timestamp', '2015-01-01', 'ne')]),
      "Invalid input for field/attribute op. Value: 'ne'. unimplemented operator for timestamp",
    );
  });
});
