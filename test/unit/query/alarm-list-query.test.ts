import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../shared/domain/time.js';
import { parseAlarmListQuery } from '../../../shared/query/alarm-list-query.js';
import type { SimpleQuery } from '../../../shared/query/simple-query.js';
import { expectInvalid } from '../../support/expect-error.js';

function q(field: string, value: string, op: SimpleQuery['op'] = 'eq', type = ''): SimpleQuery {
  return { field, op, value, type };
}

const ALLOWED =
  "{'all_projects', 'user_id', 'project_id', 'type', 'name', 'enabled', 'state', 'severity', 'timestamp', 'repeat_actions'}";

describe('parseAlarmListQuery', () => {
  it('returns no filter and no project for an empty query', () => {
    expect(parseAlarmListQuery([])).toEqual({ allProjects: false, projectIds: [], filter: {} });
  });

  it('turns each allowed field into an equality filter', () => {
    const result = parseAlarmListQuery([
      q('user_id', 'u1'),
      q('type', 'event'),
      q('name', 'cpu high'),
      q('state', 'alarm'),
      q('severity', 'critical'),
      q('enabled', 'False'),
      q('repeat_actions', 'true', 'eq', 'boolean'),
      q('timestamp', '2015-01-01T12:00:00+01:00'),
    ]);
    expect(result.filter).toEqual({
      user_id: 'u1',
      type: 'event',
      name: 'cpu high',
      state: 'alarm',
      severity: 'critical',
      enabled: false,
      repeat_actions: true,
      timestamp: formatTimestamp(new Date('2015-01-01T11:00:00Z')),
    });
  });

  it('reports project_id separately (the caller scopes and authorises by it)', () => {
    expect(parseAlarmListQuery([q('project_id', 'p1'), q('name', 'x')])).toEqual({
      allProjects: false,
      projectId: 'p1',
      projectIds: ['p1'],
      filter: { name: 'x' },
    });
  });

  it('keeps the first project_id as the one checked and lists them all', () => {
    const result = parseAlarmListQuery([q('project_id', 'mine'), q('project_id', 'theirs')]);
    expect(result.projectId).toBe('mine');
    expect(result.projectIds).toEqual(['mine', 'theirs']);
  });

  it.each([
    ['True', true],
    ['true', true],
    ['yes', true],
    ['1', true],
    ['False', false],
    ['off', false],
  ])('reads all_projects=%s strictly as %s', (value, expected) => {
    expect(parseAlarmListQuery([q('all_projects', value)]).allProjects).toBe(expected);
  });

  it('refuses an all_projects value that is not a strict boolean', () => {
    expectInvalid(() => parseAlarmListQuery([q('all_projects', 'maybe')]), 'Unable to convert the value maybe to the expected data type boolean.');
  });

  it('keeps the last value of a field given twice, as Aodh builds a dict', () => {
    expect(parseAlarmListQuery([q('name', 'a'), q('name', 'b')]).filter).toEqual({ name: 'b' });
  });

  it.each([
    // Text columns never get a number or a bool: the raw text is kept.
    ['name', '42', '', { name: '42' }],
    ['name', "'quoted'", '', { name: 'quoted' }],
    ['name', '4.20', 'float', { name: '4.20' }],
    ['user_id', 'True', '', { user_id: 'True' }],
    // Booleans: Python literals, 1/0, or any strict spelling.
    ['enabled', 'True', '', { enabled: true }],
    ['enabled', '0', '', { enabled: false }],
    ['enabled', 'no', '', { enabled: false }],
    ['enabled', '1', 'integer', { enabled: true }],
    ['repeat_actions', 'FALSE', 'string', { repeat_actions: false }],
    ['timestamp', '2015-01-01', 'datetime', { timestamp: formatTimestamp(new Date('2015-01-01T00:00:00Z')) }],
    ['timestamp', "'2015-01-01'", '', { timestamp: formatTimestamp(new Date('2015-01-01T00:00:00Z')) }],
  ])('types %s=%j (q.type %j)', (field, value, type, expected) => {
    expect(parseAlarmListQuery([q(field, value, 'eq', type)]).filter).toEqual(expected);
  });

  it.each([
    ['enabled', 'maybe', '', 'Unable to convert the value maybe to the expected data type boolean.'],
    ['enabled', '2', '', 'Unable to convert the value 2 to the expected data type boolean.'],
    ['enabled', 'x', 'integer', 'Unable to convert the value x to the expected data type integer.'],
    ['timestamp', 'yesterday', '', 'Unable to convert the value yesterday to the expected data type datetime.'],
    ['timestamp', '42', '', 'Unable to convert the value 42 to the expected data type datetime.'],
    ['timestamp', 'yesterday', 'datetime', 'Unable to convert the value yesterday to the expected data type datetime.'],
  ])('refuses %s=%j (q.type %j)', (field, value, type, message) => {
    expectInvalid(() => parseAlarmListQuery([q(field, value, 'eq', type)]), message, 'value');
  });

  it('refuses unknown fields, printing every field given and the allowed set', () => {
    expectInvalid(
      () => parseAlarmListQuery([q('name', 'x'), q('foo', 'y')]),
      `Invalid input for field/attribute field. Value: '{'name', 'foo'}'. only fields ${ALLOWED} are allowed`,
      'field',
    );
    expectInvalid(
      () => parseAlarmListQuery([q('foo', 'y'), q('foo', 'z')]),
      `Invalid input for field/attribute field. Value: '{'foo'}'. only fields ${ALLOWED} are allowed`,
    );
  });

  it('refuses any operator but eq, printing every operator given', () => {
    expectInvalid(
      () => parseAlarmListQuery([q('name', 'x'), q('state', 'ok', 'ne')]),
      "Invalid input for field/attribute op. Value: '{'eq', 'ne'}'. only operations {'eq'} are allowed",
      'op',
    );
  });

  it('checks fields before operators, as Aodh does', () => {
    expectInvalid(
      () => parseAlarmListQuery([q('foo', 'x', 'lt')]),
      `Invalid input for field/attribute field. Value: '{'foo'}'. only fields ${ALLOWED} are allowed`,
    );
  });
});
