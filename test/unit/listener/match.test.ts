import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/domain/alarm.js';
import { checkEventAlarm, matchEventAlarm } from '../../../shared/listener/match.js';
import { ceilometerEvent, cond, eventAlarm } from './fixtures.js';

const OPS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'] as const;
const holds = (op: (typeof OPS)[number], sign: number): boolean =>
  ({ lt: sign < 0, le: sign <= 0, eq: sign === 0, ne: sign !== 0, ge: sign >= 0, gt: sign > 0 })[op];

/** Per type: a trait [dtype, value] and query values the trait is less than, equal to, greater than. */
const TYPES: Array<[type: string, trait: [number, JsonValue], less: string, equal: string, greater: string]> = [
  ['string', [1, 'error'], 'warn', 'error', 'active'],
  ['integer', [2, 512], '1024', '512', '-1'],
  ['float', [3, 2.5], '2.75', '2.50', '1e0'],
  // Traits have no boolean dtype: a text trait is parsed as the API parses the value.
  ['boolean', [1, 'False'], 'true', 'no', 'false'],
  ['datetime', [4, '2024-05-01T10:00:00'], '2024-05-01T10:00:00.000001', '2024-05-01T12:00:00+02:00', '2024-05-01T09:59:59Z'],
];
// For `boolean`, "greater" needs a True trait: False < True is the only ordering there is.
const traitFor = (type: string, trait: [number, JsonValue], sign: number): [number, JsonValue] => (type === 'boolean' && sign > 0 ? [1, 'yes'] : trait);

const ROWS = TYPES.flatMap(([type, trait, less, equal, greater]) =>
  ([[-1, less], [0, equal], [1, greater]] as const).flatMap(([sign, value]) =>
    OPS.map((op) => [type, op, traitFor(type, trait, sign), value, holds(op, sign)] as const),
  ),
);

describe('typed trait conditions: every operator × every type', () => {
  it.each(ROWS)('%s: trait %j %s %j → %s', (type, op, [dtype, value], queryValue, expected) => {
    const alarm = eventAlarm({ query: [cond('traits.x', op, queryValue, type)] });
    const event = ceilometerEvent([['x', dtype, value]]);
    const problems: string[] = [];
    expect(matchEventAlarm(alarm, event, (p) => problems.push(p)) !== undefined).toBe(expected);
    expect(problems).toEqual([]);
  });

  it('an empty or missing type means string', () => {
    const event = ceilometerEvent([['x', 1, '5']]);
    expect(matchEventAlarm(eventAlarm({ query: [cond('traits.x', 'eq', '5', '')] }), event)).toBeDefined();
    expect(matchEventAlarm(eventAlarm({ query: [cond('traits.x', 'eq', '5')] }), event)).toBeDefined();
    expect(matchEventAlarm(eventAlarm({ query: [{ field: 'traits.x', value: '5' }] }), event)).toBeDefined();
  });
});

describe('Python comparison semantics across types (kept as Aodh)', () => {
  it.each<[string, [number, JsonValue], string, string, string, boolean | 'problem']>([
    ['text trait vs integer value: unequal', [1, '512'], 'eq', '512', 'integer', false],
    ['text trait vs integer value: ne holds', [1, '512'], 'ne', '512', 'integer', true],
    ['text trait vs integer value: ordering is a TypeError', [1, '512'], 'gt', '1', 'integer', 'problem'],
    ['integer trait vs float value', [2, 5], 'eq', '5.0', 'float', true],
    ['integer trait vs float value, ordered', [2, 5], 'lt', '5.5', 'float', true],
    ['float trait vs integer value', [3, 2.5], 'gt', '2', 'integer', true],
    ['integer trait 1 == True', [2, 1], 'eq', 'true', 'boolean', true],
    ['integer trait 0 < True', [2, 0], 'lt', 'on', 'boolean', true],
    ['integer trait vs string value: unequal', [2, 5], 'eq', '5', 'string', false],
    ['datetime trait vs string value: unequal', [4, '2024-05-01T10:00:00'], 'eq', '2024-05-01T10:00:00', 'string', false],
    ['datetime trait vs string value: ordering is a TypeError', [4, '2024-05-01T10:00:00'], 'lt', 'z', 'string', 'problem'],
    ['text trait parsed as a datetime', [1, '2024-05-01T10:00:00Z'], 'ge', '2024-05-01T10:00:00', 'datetime', true],
    ['text trait that is no datetime', [1, 'soon'], 'eq', '2024-05-01', 'datetime', 'problem'],
    ['text trait that is no boolean', [1, 'maybe'], 'eq', 'true', 'boolean', 'problem'],
    ['NaN float trait is unequal to itself', [3, 'nan'], 'eq', 'nan', 'float', false],
    ['NaN float trait: ne holds', [3, 'nan'], 'ne', 'nan', 'float', true],
    ['strings order by code point, not UTF-16 unit', [1, '\u{1F600}'], 'gt', '\uffff', 'string', true],
    // Issue 17 item 3: Aodh's str(None) makes a dtype-0 null the text 'None' (before: None, so eq was false).
    ['null (dtype 0) trait is the text "None"', [0, null], 'eq', 'None', 'string', true],
    ['null (dtype 0) trait orders as text', [0, null], 'lt', 'O', 'string', true],
    ['dtype 2 trait 7.9 is int 7', [2, 7.9], 'eq', '7', 'integer', true],
    ['dtype 0 text trait is text', [0, 'abc'], 'eq', 'abc', 'string', true],
  ])('%s', (_name, [dtype, value], op, queryValue, type, expected) => {
    const problems: string[] = [];
    const decision = matchEventAlarm(eventAlarm({ query: [cond('traits.x', op, queryValue, type)] }), ceilometerEvent([['x', dtype, value]]), (p) => problems.push(p));
    if (expected === 'problem') {
      expect(decision).toBeUndefined();
      expect(problems).toHaveLength(1);
    } else {
      expect(decision !== undefined).toBe(expected);
      expect(problems).toEqual([]);
    }
  });
});

describe('missing traits compare as None', () => {
  it.each([
    ['eq', false],
    ['ne', true],
    ['lt', false],
    ['le', false],
    ['ge', false],
    ['gt', false],
  ] as const)('%s → %s, and nothing is reported', (op, expected) => {
    const problems: string[] = [];
    const decision = matchEventAlarm(eventAlarm({ query: [cond('traits.absent', op, '1', 'integer')] }), ceilometerEvent([]), (p) => problems.push(p));
    expect(decision !== undefined).toBe(expected);
    expect(problems).toEqual([]);
  });
});

describe('event_type wildcards (fnmatch)', () => {
  it.each([
    ['*', 'compute.instance.update', true],
    ['compute.instance.*', 'compute.instance.update', true],
    ['compute.instance.*', 'compute.volume.update', false],
    ['compute.*.update', 'compute.instance.update', true],
    ['compute.instance.updat?', 'compute.instance.update', true],
    ['compute.instance.updat?', 'compute.instance.updates', false],
    ['compute.instance.[ud]pdate', 'compute.instance.update', true],
    ['compute.instance.[!u]pdate', 'compute.instance.update', false],
    ['compute.instance.[!a]pdate', 'compute.instance.update', true],
    ['compute.instance.update', 'compute_instance_update', false],
    ['compute.instance.update', 'Compute.Instance.Update', false],
    ['compute.(instance)+', 'compute.(instance)+', true],
    ['compute.(instance)+', 'compute.instanceinstance', false],
    ['compute.instance', 'compute.instance.update', false],
  ])('%j against %j → %s', (pattern, eventType, expected) => {
    const event = ceilometerEvent([], { event_type: eventType });
    expect(matchEventAlarm(eventAlarm({ event_type: pattern }), event) !== undefined).toBe(expected);
    expect(checkEventAlarm(eventAlarm({ event_type: pattern }), event)).toMatchObject(expected ? { outcome: 'fire' } : { outcome: 'skip', why: 'event-type' });
  });
});
