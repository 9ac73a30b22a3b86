import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import { InvalidInputError, NotAuthorizedError } from '../../../shared/errors.js';
import { notifiers } from '../../../shared/notifiers/registry.js';
import type { NotifierRegistry } from '../../../shared/notifiers/plugin.js';
import { parseAlarmBody, type AlarmBodyOptions } from '../../../shared/validation/alarm-body.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectThrows } from '../../support/expect-error.js';

const options: AlarmBodyOptions = { alarmTypes, notifiers, maxActions: -1, callerIsAdmin: false };
const admin: AlarmBodyOptions = { ...options, callerIsAdmin: true };

const gnocchiRule = { metric: 'cpu', resource_id: 'r1', resource_type: 'instance', aggregation_method: 'mean', threshold: 80 };
const valid = (extra: Record<string, unknown> = {}) => ({ name: 'cpu_hi', type: 'gnocchi_resources_threshold', gnocchi_resources_threshold_rule: gnocchiRule, ...extra });
const types = Object.keys(alarmTypes).join(', ');

describe('parseAlarmBody: the §6.6 example', () => {
  it('normalises the minimal gnocchi alarm exactly as Aodh returns it', () => {
    expect(parseAlarmBody(valid(), options)).toStrictEqual({
      name: 'cpu_hi',
      description: 'gnocchi_resources_threshold alarm rule',
      type: 'gnocchi_resources_threshold',
      enabled: true,
      ok_actions: [],
      alarm_actions: [],
      insufficient_data_actions: [],
      repeat_actions: false,
      time_constraints: [],
      state: 'insufficient data',
      severity: 'low',
      rule: {
        metric: 'cpu',
        resource_id: 'r1',
        resource_type: 'instance',
        aggregation_method: 'mean',
        threshold: 80.0,
        comparison_operator: 'eq',
        evaluation_periods: 1,
        granularity: 60,
      },
    });
  });
});

describe('parseAlarmBody: messages, in the order Aodh finds them', () => {
  it.each<[string, unknown, string]>([
    ['a body that is not an object', ['x'], "Invalid input for field/attribute data. Value: '['x']'. Wrong type. Expected '<class 'dict'>', got '<class 'list'>'"],
    ['a missing type', { name: 'x' }, "Invalid input for field/attribute type. Value: 'None'. Mandatory field missing."],
    ['the removed legacy threshold type', { name: 'x', type: 'threshold', threshold_rule: {} }, `Invalid input for field/attribute type. Value: 'threshold'. Value should be one of: ${types}`],
    ['loadbalancer_member_health (no Octavia)', { name: 'x', type: 'loadbalancer_member_health' }, `Invalid input for field/attribute type. Value: 'loadbalancer_member_health'. Value should be one of: ${types}`],
    ['a prototype key as type', { name: 'x', type: 'constructor' }, `Invalid input for field/attribute type. Value: 'constructor'. Value should be one of: ${types}`],
    ['a missing name', { type: 'event', event_rule: {} }, "Invalid input for field/attribute name. Value: 'None'. Mandatory field missing."],
    ['a bad severity', valid({ severity: 'bad' }), "Invalid input for field/attribute severity. Value: 'bad'. Value should be one of: low, moderate, critical"],
    ['a bad state', valid({ state: 'insufficient_data' }), "Invalid input for field/attribute state. Value: 'insufficient_data'. Value should be one of: ok, alarm, insufficient data"],
    ['an ambiguous enabled', valid({ enabled: 'bad_enabled' }), "Invalid input for field/attribute enabled. Value: 'bad_enabled'. Value not an unambiguous boolean: bad_enabled"],
    ['a non-string name', valid({ name: 5 }), "Invalid input for field/attribute name. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'"],
    ['an action list that is a string', valid({ ok_actions: 'log://' }), "Invalid input for field/attribute ok_actions. Value: 'log://'. Wrong type. Expected '[<class 'str'>]', got '<class 'str'>'"],
    ['a bad evaluate_timestamp', valid({ evaluate_timestamp: 'yesterday' }), "Invalid input for field/attribute evaluate_timestamp. Value: 'yesterday'. 'yesterday' is not a legal datetime value"],
    ['the own rule missing', { name: 'x', type: 'event' }, 'event_rule must be set for event type alarm'],
    ['the own rule null', { name: 'x', type: 'event', event_rule: null }, 'event_rule must be set for event type alarm'],
    ['another rule with the own one', valid({ event_rule: {} }), 'gnocchi_resources_threshold_rule and event_rule cannot be set at the same time'],
    ['two rules named in registry order', { name: 'x', type: 'event', event_rule: {}, composite_rule: { or: [] } }, 'composite_rule and event_rule cannot be set at the same time'],
    ['a rule field missing', valid({ gnocchi_resources_threshold_rule: { ...gnocchiRule, threshold: undefined } }), "Invalid input for field/attribute threshold. Value: 'None'. Mandatory field missing."],
    ['a bool threshold', valid({ gnocchi_resources_threshold_rule: { ...gnocchiRule, threshold: true } }), "Invalid input for field/attribute threshold. Value: 'True'. Wrong type. Expected '<class 'float'>', got '<class 'bool'>'"],
    ['a rule that is not an object', valid({ gnocchi_resources_threshold_rule: 'x' }), "Invalid input for field/attribute gnocchi_resources_threshold_rule. Value: 'x'. Wrong type. Expected '<class 'dict'>', got '<class 'str'>'"],
    ['actions checked before the rule', valid({ gnocchi_resources_threshold_rule: {}, alarm_actions: ['spam://x'] }), 'Unsupported action spam://x'],
    ['the rule checked before time constraints', valid({ gnocchi_resources_threshold_rule: {}, time_constraints: 'x' }), "Invalid input for field/attribute threshold. Value: 'None'. Mandatory field missing."],
  ])('%s', (_name, body, message) => {
    expectThrows(() => parseAlarmBody(body, options), InvalidInputError, message);
  });

  it.each<[string, unknown, string]>([
    ['one unknown attribute', valid({ foo: 1 }), 'Unknown attribute for argument data: foo'],
    ['several unknown attributes', valid({ foo: 1, bar: 2 }), 'Unknown attributes for argument data: foo, bar'],
    ['the rule key of an unregistered type', valid({ threshold_rule: {} }), 'Unknown attribute for argument data: threshold_rule'],
    ['unknown attributes before field types', valid({ foo: 1, severity: 'bad' }), 'Unknown attribute for argument data: foo'],
    ['an unknown rule attribute', valid({ gnocchi_resources_threshold_rule: { ...gnocchiRule, foo: 1 } }), 'Unknown attribute for argument data.gnocchi_resources_threshold_rule: foo'],
    ['an unknown time-constraint attribute', valid({ time_constraints: [{ name: 'a', start: '* * * * *', duration: 1, x: 1 }] }), 'Unknown attribute for argument data.time_constraints: x'],
  ])('%s', (_name, body, message) => {
    expectThrows(() => parseAlarmBody(body, options), UnknownAttributeError, message);
  });
});

describe('parseAlarmBody: defaults and coercions', () => {
  it('coerces scalars as WSME does', () => {
    const input = parseAlarmBody(valid({ enabled: 0, repeat_actions: 'yes', gnocchi_resources_threshold_rule: { ...gnocchiRule, threshold: '50', granularity: '180' } }), options);
    expect(input).toMatchObject({ enabled: false, repeat_actions: true, rule: { threshold: 50, granularity: 180 } });
  });

  it('keeps explicit nulls of action lists and time constraints', () => {
    const input = parseAlarmBody(valid({ ok_actions: null, alarm_actions: null, insufficient_data_actions: null, time_constraints: null }), options);
    expect(input).toMatchObject({ ok_actions: null, alarm_actions: null, insufficient_data_actions: null, time_constraints: null });
  });

  it('computes the description when it is empty, using the type default or the rule default', () => {
    expect(parseAlarmBody(valid({ description: '' }), options).description).toBe('gnocchi_resources_threshold alarm rule');
    expect(parseAlarmBody(valid({ description: 'mine' }), options).description).toBe('mine');
    expect(parseAlarmBody({ name: 'e', type: 'event', event_rule: { event_type: 'compute.instance.*' } }, options).description).toBe('Alarm when compute.instance.* event occurred.');
    expect(parseAlarmBody({ name: 'e', type: 'event', event_rule: {} }, options).description).toBe('Alarm when * event occurred.');
    expect(parseAlarmBody({ name: 'c', type: 'composite', composite_rule: { or: [] } }, options).description).toBe('composite alarm rule');
  });

  it('accepts and drops the read-only attributes the client sends back on update', () => {
    const input = parseAlarmBody(valid({ alarm_id: 'a', timestamp: 't', state_timestamp: 't', state_reason: 'r' }), options);
    expect(input).not.toHaveProperty('alarm_id');
    expect(input).not.toHaveProperty('state_reason');
  });

  it('passes ownership attributes through and normalises evaluate_timestamp', () => {
    expect(parseAlarmBody(valid({ project_id: 'p', user_id: 'u', evaluate_timestamp: '2015-01-01T12:00:00+02:00' }), options)).toMatchObject({
      project_id: 'p',
      user_id: 'u',
      evaluate_timestamp: '2015-01-01T10:00:00',
    });
    expect(parseAlarmBody(valid({ evaluate_timestamp: null }), options).evaluate_timestamp).toBeNull();
    expect(parseAlarmBody(valid(), options)).not.toHaveProperty('evaluate_timestamp');
  });

  it('ignores null rules of other types', () => {
    expect(parseAlarmBody(valid({ event_rule: null }), options).type).toBe('gnocchi_resources_threshold');
  });

  it('places no limit on the name length', () => {
    expect(parseAlarmBody(valid({ name: 'n'.repeat(10_000) }), options).name).toHaveLength(10_000);
  });
});

describe('parseAlarmBody: actions (§1.4)', () => {
  it('drops duplicates, keeping first occurrences in order', () => {
    const input = parseAlarmBody(valid({ alarm_actions: ['http://b/', 'http://a/', 'http://b/', 'http://a/'] }), options);
    expect(input.alarm_actions).toEqual(['http://b/', 'http://a/']);
  });

  it('limits the de-duplicated count when alarm_max_actions > 0', () => {
    const limited = { ...options, maxActions: 1 };
    expect(parseAlarmBody(valid({ alarm_actions: ['http://a/', 'http://a/'] }), limited).alarm_actions).toEqual(['http://a/']);
    expectThrows(() => parseAlarmBody(valid({ alarm_actions: ['http://a/', 'http://b/'] }), limited), InvalidInputError, 'alarm_actions count exceeds maximum value 1');
    expectThrows(
      () => parseAlarmBody(valid({ insufficient_data_actions: ['http://a/', 'http://b/'] }), limited),
      InvalidInputError,
      'insufficient_data_actions count exceeds maximum value 1',
    );
    expect(parseAlarmBody(valid({ ok_actions: ['http://a/', 'http://b/'] }), { ...options, maxActions: 0 }).ok_actions).toHaveLength(2);
  });

  it.each([
    ['spam://something/ok', 'Unsupported action spam://something/ok'],
    ['no-scheme', 'Unsupported action no-scheme'],
    ['trust+http://x/', 'Unsupported action trust+http://x/'],
    ['constructor://x', 'Unsupported action constructor://x'],
    ['http://[::1/x', 'Unable to parse action http://[::1/x'],
    ['http://', 'Unable to parse action http://'],
  ])('refuses %s', (action, message) => {
    expectThrows(() => parseAlarmBody(valid({ ok_actions: [action] }), admin), InvalidInputError, message);
  });

  it.each([
    ['log://', 'log:'],
    ['test://', 'test:'],
    ['LOG://x', 'log://x'],
  ])('refuses the admin-only %s to non-admins with a 401, and stores it for admins as %s', (action, stored) => {
    expectThrows(() => parseAlarmBody(valid({ alarm_actions: [action] }), options), NotAuthorizedError, `You are not authorized to create action: ${action}`);
    expect(parseAlarmBody(valid({ alarm_actions: [action] }), admin).alarm_actions).toEqual([stored]);
  });

  it('checks ok, alarm, then insufficient data actions', () => {
    expectThrows(() => parseAlarmBody(valid({ insufficient_data_actions: ['a://'], ok_actions: ['b://'] }), admin), InvalidInputError, 'Unsupported action b://');
  });

  it("runs the notifier's own check last", () => {
    const strict: NotifierRegistry = {
      http: {
        adminOnly: false,
        validateAction: (url) => {
          if (url.hostname === 'bad') throw new InvalidInputError(`Bad host in ${url.href}`);
        },
        create: () => ({ notify: async () => undefined }),
      },
    };
    expectThrows(() => parseAlarmBody(valid({ ok_actions: ['http://bad/'] }), { ...options, notifiers: strict }), InvalidInputError, 'Bad host in http://bad/');
  });
});
