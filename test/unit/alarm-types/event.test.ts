import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectThrows } from '../../support/expect-error.js';

const event = alarmTypes.event as AlarmTypePlugin;
const q = (extra: Record<string, unknown>) => ({ query: [{ field: 'traits.instance_id', value: 'abc', ...extra }] });
const invalid = (detail: string) => `Query value or traits invalid: ${detail}`;

describe('event rule (§2.7)', () => {
  it('defaults event_type to * and query to []', () => {
    expect(event.parseRule({})).toStrictEqual({ event_type: '*', query: [] });
    expect(event.parseRule({ event_type: '' })).toStrictEqual({ event_type: '*', query: [] });
  });

  it('stores query items with op defaulted and the value kept as text', () => {
    expect(event.parseRule({ event_type: 'compute.instance.update', ...q({ type: 'string' }) })).toStrictEqual({
      event_type: 'compute.instance.update',
      query: [{ field: 'traits.instance_id', op: 'eq', type: 'string', value: 'abc' }],
    });
    expect(event.parseRule(q({ op: 'ne', type: '' })).query).toEqual([{ field: 'traits.instance_id', op: 'ne', type: '', value: 'abc' }]);
  });

  it('describes itself by event type', () => {
    expect(event.defaultDescription?.({ event_type: 'compute.*', query: [] })).toBe('Alarm when compute.* event occurred.');
  });

  it.each<[string, unknown]>([
    ['integer', '42'],
    ['integer', ' -7 '],
    ['integer', '1_000'],
    ['float', '1.5'],
    ['float', '1e3'],
    ['float', 'inf'],
    ['boolean', 'True'],
    ['boolean', 'off'],
    ['string', 'anything'],
    ['', '{"a": 1}'],
  ])('accepts %s value %j', (type, value) => {
    expect(event.parseRule(q({ type, value })).query).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unconvertible integer', { type: 'integer', value: 'hello' }, 'Unable to convert the value hello to the expected data type integer.'],
    ['a decimal as integer', { type: 'integer', value: '1.5' }, 'Unable to convert the value 1.5 to the expected data type integer.'],
    ['an unconvertible float', { type: 'float', value: 'abc' }, 'Unable to convert the value abc to the expected data type float.'],
    ['an ambiguous boolean', { type: 'boolean', value: 'maybe' }, 'Unable to convert the value maybe to the expected data type boolean.'],
    ['an unsupported type', { type: 'bytes' }, "The data type bytes is not supported. The supported data type list is: ['integer', 'float', 'string', 'boolean', 'datetime']"],
    ['a datetime (convertible, then refused by the schema)', { type: 'datetime', value: '2015-01-01T00:00:00' }, invalid("value must be one of ['', 'boolean', 'float', 'integer', 'string'] @ data['value']")],
    ['a bad field', { field: 'traits.a b', type: 'string' }, invalid("does not match regular expression ^[a-zA-Z.',0-9_-]*$ @ data['field']")],
    ['a bad op', { op: 'like', type: 'string' }, invalid("value must be one of ['eq', 'ge', 'gt', 'le', 'lt', 'ne'] @ data['op']")],
    ['a non-string op', { op: 5, type: 'string' }, invalid("value must be one of ['eq', 'ge', 'gt', 'le', 'lt', 'ne'] @ data['op']")],
    ['a bad field before a bad op', { field: 'a b', op: 'like' }, invalid("does not match regular expression ^[a-zA-Z.',0-9_-]*$ @ data['field']")],
    // Issue 17 item 2: WSME leaves a missing type Unset, and the schema's In([...]) refuses it (before: stored as a string condition).
    ['a missing type', {}, invalid("value must be one of ['', 'boolean', 'float', 'integer', 'string'] @ data['value']")],
    ['a null type', { type: null }, invalid("value must be one of ['', 'boolean', 'float', 'integer', 'string'] @ data['value']")],
    ['a missing type after a bad op', { op: 'like' }, invalid("value must be one of ['eq', 'ge', 'gt', 'le', 'lt', 'ne'] @ data['op']")],
    ['a missing value', { value: undefined, type: 'string' }, "Invalid input for field/attribute value. Value: 'None'. Mandatory field missing."],
    ['a numeric value', { value: 5, type: 'string' }, "Invalid input for field/attribute value. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'"],
    ['a missing field', { field: undefined, type: 'string' }, "Invalid input for field/attribute field. Value: 'None'. Mandatory field missing."],
  ])('refuses %s', (_name, item, message) => {
    expectThrows(() => event.parseRule(q(item)), InvalidInputError, message);
  });

  // Issue 11 A11: before, a 20,000-character pattern was stored (Aodh has no limit).
  it('refuses an event_type pattern over 1,024 characters, naming the field', () => {
    expect(event.parseRule({ event_type: 'a'.repeat(1024) }).event_type).toHaveLength(1024);
    expect(event.parseRule({ event_type: '😀'.repeat(1024) }).event_type).toBe('😀'.repeat(1024));
    const error = expectThrows(() => event.parseRule({ event_type: 'a'.repeat(20_000) }), InvalidInputError, `Invalid input for field/attribute event_type. Value: '${'a'.repeat(20_000)}'. Value should have a maximum character requirement of 1024`);
    expect(error.field).toBe('event_type');
  });

  it('refuses a query that is not a list', () => {
    expectThrows(() => event.parseRule({ query: 'x' }), InvalidInputError, "Invalid input for field/attribute query. Value: 'x'. Wrong type. Expected '[<class 'dict'>]', got '<class 'str'>'");
  });

  it('reports unknown query attributes for data.event_rule.query', () => {
    expectThrows(() => event.parseRule(q({ extra: 1 })), UnknownAttributeError, 'Unknown attribute for argument data.event_rule.query: extra');
    expectThrows(() => event.parseRule({ event_type: 'x', foo: 1 }), UnknownAttributeError, 'Unknown attribute for argument data.event_rule: foo');
  });

  it('is an event-triggered, non-composable type', () => {
    expect(event).toMatchObject({ trigger: 'event', composable: false });
  });
});
