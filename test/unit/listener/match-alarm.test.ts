import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/domain/alarm.js';
import { checkEventAlarm, isEventCandidate, matchEventAlarm, sortedJsonDumps } from '../../../shared/listener/match.js';
import { ceilometerDetail, ceilometerEvent, cond, envelope, eventAlarm, nativeEnvelope, parsed, PROJECT } from './fixtures.js';

const ERROR_QUERY = [cond('traits.state', 'eq', 'error', 'string')];

describe('reason and reason_data (§5.4)', () => {
  it('prints the query as json.dumps(sort_keys=True) and carries the Ceilometer dict', () => {
    const detail = ceilometerDetail([['state', 1, 'error']]);
    const decision = matchEventAlarm(eventAlarm({ event_type: 'compute.instance.*', query: ERROR_QUERY }), parsed(envelope(detail)));
    expect(decision).toEqual({
      state: 'alarm',
      reason:
        'Event <id=c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00,event_type=compute.instance.update> hits the query ' +
        '<query=[{"field": "traits.state", "op": "eq", "type": "string", "value": "error"}]>.',
      reasonData: { type: 'event', event: detail },
    });
  });

  it('prints an empty query as []', () => {
    expect(matchEventAlarm(eventAlarm(), ceilometerEvent([]))?.reason).toMatch(/hits the query <query=\[\]>\.$/);
  });

  it('sorts keys by code point at every level and escapes as Python does', () => {
    expect(sortedJsonDumps([{ value: 'é', op: 'eq', field: 'traits.x', type: '', '10': 1, '2': { b: 1, a: [true, null] } }])).toBe(
      '[{"10": 1, "2": {"a": [true, null], "b": 1}, "field": "traits.x", "op": "eq", "type": "", "value": "\\u00e9"}]',
    );
  });

  it('for a native event: the normalised id and type, and the whole envelope', () => {
    const input = nativeEnvelope({ project_id: PROJECT, status: 'FAILED' });
    const decision = matchEventAlarm(eventAlarm({ event_type: 'Order *', query: [cond('traits.status', 'eq', 'FAILED')] }), parsed(input));
    expect(decision?.reason).toBe(
      'Event <id=6a7e8feb-b491-4cf7-a9f1-bf3703467718,event_type=Order Failed> hits the query <query=[{"field": "traits.status", "op": "eq", "value": "FAILED"}]>.',
    );
    expect(decision?.reasonData).toEqual({ type: 'event', event: input });
  });
});

describe('candidates and repeat_actions', () => {
  const event = ceilometerEvent([['state', 1, 'error']]);

  it.each([
    ['ok, no repeat', 'ok', false, 'fire'],
    ['insufficient data, no repeat', 'insufficient data', false, 'fire'],
    ['already alarm, no repeat: skipped', 'alarm', false, 'skip'],
    ['already alarm, repeat_actions: fires again', 'alarm', true, 'fire'],
    ['ok, repeat_actions', 'ok', true, 'fire'],
  ] as const)('%s', (_name, state, repeat, outcome) => {
    const check = checkEventAlarm(eventAlarm({ query: ERROR_QUERY }, { state, repeat_actions: repeat }), event);
    expect(check.outcome).toBe(outcome);
    if (outcome === 'skip') expect(check).toEqual({ outcome: 'skip', why: 'fired-no-repeat' });
  });

  it.each([
    ['same project', {}, true],
    ['another project', { project_id: 'project-b' }, false],
    ['disabled', { enabled: false }, false],
    ['not an event alarm', { type: 'gnocchi_resources_threshold' }, false],
  ])('scoping: %s', (_name, overrides, expected) => {
    expect(isEventCandidate(eventAlarm({}, overrides), event.project)).toBe(expected);
    expect(matchEventAlarm(eventAlarm({}, overrides), event) !== undefined).toBe(expected);
  });

  it('an event without a project only reaches alarms whose project is ""', () => {
    const orphan = parsed(envelope({ message_id: 'm', event_type: 't', traits: [] }));
    expect(matchEventAlarm(eventAlarm({}, { project_id: '' }), orphan)).toBeDefined();
    expect(matchEventAlarm(eventAlarm(), orphan)).toBeUndefined();
  });

  it('does not check time constraints (§5.3.4, kept as Aodh)', () => {
    const constraint = { name: 'never', description: '', start: '0 0 31 2 *', duration: 1, timezone: '' };
    expect(matchEventAlarm(eventAlarm({}, { time_constraints: [constraint] }), event)).toBeDefined();
  });
});

describe('conditions combine with AND', () => {
  const event = ceilometerEvent([['state', 1, 'error'], ['memory_mb', 2, 512]]);
  it.each([
    [[cond('traits.state', 'eq', 'error'), cond('traits.memory_mb', 'ge', '512', 'integer')], true],
    [[cond('traits.state', 'eq', 'error'), cond('traits.memory_mb', 'gt', '512', 'integer')], false],
    [[cond('traits.state', 'ne', 'error'), cond('traits.memory_mb', 'ge', '512', 'integer')], false],
  ])('%j → %s', (query, expected) => {
    expect(matchEventAlarm(eventAlarm({ query }), event) !== undefined).toBe(expected);
  });
});

describe('§13.5 fixed: conditions on non-trait fields', () => {
  const ceil = ceilometerEvent([], { request: { user: 'alice', count: 3, flags: { on: true } }, list: [1] });
  const native = parsed(nativeEnvelope({ project_id: PROJECT, order: { total: 12.5 } }, { source: 'com.example.orders' }));

  it.each<[string, JsonObject, boolean]>([
    ['event_type', cond('event_type', 'eq', 'compute.instance.update'), true],
    ['message_id', cond('message_id', 'ne', 'other'), true],
    ['generated as a datetime', cond('generated', 'gt', '2024-05-01T10:00:00', 'datetime'), true],
    ['generated as text', cond('generated', 'lt', '2024-05-01T10:00:00.2'), true],
    ['a nested raw key', cond('request.user', 'eq', 'alice'), true],
    ['a nested number as integer', cond('request.count', 'ge', '3', 'integer'), true],
    ['a nested number as text, as Python str() prints it', cond('request.count', 'eq', '3'), true],
    ['a nested boolean as boolean', cond('request.flags.on', 'eq', 'yes', 'boolean'), true],
    ['a nested boolean as text', cond('request.flags.on', 'eq', 'True'), true],
    ['a missing path: eq is false', cond('request.nobody', 'eq', 'x'), false],
    ['a missing path: ne is true', cond('request.nobody', 'ne', 'x'), true],
    ['lists cannot be descended (Python .get)', cond('list.0', 'ne', 'x'), true],
  ])('Ceilometer: %s', (_name, condition, expected) => {
    const problems: string[] = [];
    expect(matchEventAlarm(eventAlarm({ query: [condition] }), ceil, (p) => problems.push(p)) !== undefined).toBe(expected);
    expect(problems).toEqual([]);
  });

  it.each<[string, JsonObject, boolean]>([
    ['event_type is the normalised one', cond('event_type', 'eq', 'Order Failed'), true],
    ['message_id is the envelope id', cond('message_id', 'eq', '6a7e8feb-b491-4cf7-a9f1-bf3703467718'), true],
    ['generated is the envelope time', cond('generated', 'eq', '2024-05-01T10:00:01', 'datetime'), true],
    ['envelope fields', cond('source', 'eq', 'com.example.orders'), true],
    ['detail fields by path', cond('detail.order.total', 'gt', '12', 'float'), true],
  ])('native: %s', (_name, condition, expected) => {
    expect(matchEventAlarm(eventAlarm({ query: [condition] }), native) !== undefined).toBe(expected);
  });

  it('a raw value that does not convert is reported and does not match', () => {
    const problems: string[] = [];
    expect(matchEventAlarm(eventAlarm({ query: [cond('request.user', 'gt', '1', 'integer')] }), ceil, (p) => problems.push(p))).toBeUndefined();
    expect(problems).toEqual(['condition request.user gt int 1: the event value "alice" is not a valid integer']);
  });
});

describe('§13.6 fixed: boolean conditions, and misconfigured alarms never throw', () => {
  it.each([
    ['True', 'true', true],
    ['True', 'yes', true],
    ['True', '1', true],
    ['False', 'off', true],
    ['False', 'true', false],
  ])('trait %j eq boolean %j → %s', (trait, value, expected) => {
    const event = ceilometerEvent([['active', 1, trait]]);
    expect(matchEventAlarm(eventAlarm({ query: [cond('traits.active', 'eq', value, 'boolean')] }), event) !== undefined).toBe(expected);
  });

  it('works on native JSON booleans', () => {
    const event = parsed(nativeEnvelope({ project_id: PROJECT, paid: false }));
    expect(matchEventAlarm(eventAlarm({ query: [cond('traits.paid', 'eq', 'False', 'boolean')] }), event)).toBeDefined();
    expect(matchEventAlarm(eventAlarm({ query: [cond('traits.paid', 'ne', 'no', 'boolean')] }), event)).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['a value that does not convert', { event_type: '*', query: [cond('traits.x', 'eq', 'maybe', 'boolean')] }, 'query item 0 (traits.x): the value "maybe" is not a valid boolean'],
    ['an unknown type', { event_type: '*', query: [cond('traits.x', 'eq', '1', 'decimal')] }, 'query item 0 (traits.x) has an unknown type "decimal"'],
    ['an unknown op', { event_type: '*', query: [cond('traits.x', '==', '1')] }, 'query item 0 (traits.x) has an unknown op "=="'],
    ['a query item without field', { event_type: '*', query: [{ op: 'eq', value: '1' }] }, 'query item 0 has no field'],
    ['a query that is not a list', { event_type: '*', query: 'x' }, 'the rule query is not a list'],
    ['an event_type that is not text', { event_type: 5, query: [] }, 'the rule event_type is not a string'],
    ['a rule that is not an object', 'rule', 'the rule is not an object'],
  ])('%s: reported, no match', (_name, rule, problem) => {
    const alarm = { ...eventAlarm(), rule: rule as JsonObject };
    expect(checkEventAlarm(alarm, ceilometerEvent([['x', 1, 'v']]))).toEqual({ outcome: 'error', problem });
  });

  it('a broken condition is not reported for events of other types', () => {
    const alarm = eventAlarm({ event_type: 'other.*', query: [cond('traits.x', 'eq', 'maybe', 'boolean')] });
    expect(checkEventAlarm(alarm, ceilometerEvent([]))).toEqual({ outcome: 'skip', why: 'event-type' });
  });

  it('a broken alarm does not affect the others', () => {
    const event = ceilometerEvent([['x', 1, 'v']]);
    const broken = { ...eventAlarm(), alarm_id: 'broken', rule: { query: [cond('traits.x', 'eq', 'x', 'nope')] } };
    const fine = eventAlarm({ query: [cond('traits.x', 'eq', 'v')] }, { alarm_id: 'fine' });
    const fired = [broken, fine].filter((alarm) => matchEventAlarm(alarm, event) !== undefined).map((alarm) => alarm.alarm_id);
    expect(fired).toEqual(['fine']);
  });
});
