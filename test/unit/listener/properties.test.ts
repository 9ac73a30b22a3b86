import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../shared/domain/alarm.js';
import { parseEvent, type AodhEvent } from '../../../shared/listener/event.js';
import { fnmatch } from '../../../shared/python/fnmatch.js';
import { checkEventAlarm, matchEventAlarm } from '../../../shared/listener/match.js';
import { eventAlarm } from './fixtures.js';

const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>;
const names = fc.constantFrom('project_id', 'tenant_id', 'state', 'x', 'a.b', '__proto__', '');
const trait = fc.oneof(
  fc.tuple(names, fc.integer({ min: -1, max: 5 }), json),
  fc.tuple(names, fc.constantFrom(1), fc.string()),
  fc.tuple(names, fc.constantFrom(2), fc.oneof(fc.integer(), fc.constantFrom('12', ' 7 ', '1_0'))),
  fc.tuple(names, fc.constantFrom(3), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('nan', '-inf', '2.5'))),
  fc.tuple(names, fc.constantFrom(4), fc.constantFrom('2024-05-01T10:00:00', '2024-05-01T10:00:00+01:00', 'never')),
  json,
);
const ceilometer = fc.record(
  {
    'detail-type': fc.constantFrom('Ceilometer Event', 'Other'),
    detail: fc.record(
      { message_id: fc.oneof(fc.string(), json), event_type: fc.oneof(fc.constantFrom('compute.instance.update', 'a.b'), json), traits: fc.array(trait, { maxLength: 8 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['detail'] },
);
const native = fc.record(
  { id: fc.oneof(fc.string(), json), 'detail-type': fc.oneof(fc.string(), json), time: fc.string(), detail: fc.oneof(fc.dictionary(fc.oneof(names, fc.string()), json), json) },
  { requiredKeys: [] },
);
const anyInput = fc.oneof(json, ceilometer, native);

const OPS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt', '==', ''];
const TYPES = ['string', 'integer', 'float', 'boolean', 'datetime', '', 'decimal'];
const item = fc.record(
  {
    field: fc.oneof(fc.constantFrom('traits.state', 'traits.x', 'traits.a.b', 'traits.project_id', 'event_type', 'message_id', 'generated', 'detail.x', 'request.user', ''), fc.string()),
    op: fc.constantFrom(...OPS),
    type: fc.constantFrom(...TYPES),
    value: fc.oneof(fc.string(), fc.constantFrom('1', '2.5', 'true', 'no', '2024-05-01T10:00:00', 'compute.instance.update', 'nan')),
  },
  { requiredKeys: ['field'] },
);
// Mostly patterns that match common event types, so the conditions get evaluated too.
const pattern = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('*', 'compute.*', '*.*', '?.b', '[ac]*', '[!x]*') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z.*?[\]!-]{0,12}$/) },
);
const rule = fc.record({ event_type: pattern, query: fc.array(item, { maxLength: 4 }) }) as fc.Arbitrary<JsonObject>;

describe('properties', () => {
  it('parseEvent never throws, and a valid event is well formed', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseEvent(input);
        if (!result.ok) return typeof result.reason === 'string' && result.reason !== '';
        const { event } = result;
        expect(event.message_id).not.toBe('');
        expect(event.event_type).not.toBe('');
        expect(typeof event.project).toBe('string');
        expect(Object.keys(event.traits).length).toBeLessThanOrEqual(1000);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('matchEventAlarm never throws on any valid-shaped alarm × parsed event', () => {
    const events = anyInput
      .map((input) => parseEvent(input))
      .filter((result): result is { ok: true; event: AodhEvent } => result.ok)
      .map((result) => result.event);
    const states = fc.constantFrom('ok', 'alarm', 'insufficient data' as const);
    fc.assert(
      fc.property(rule, events, states, fc.boolean(), (alarmRule, event, state, repeat) => {
        const alarm = eventAlarm({}, { rule: alarmRule, state, repeat_actions: repeat, project_id: event.project });
        const check = checkEventAlarm(alarm, event);
        expect(['fire', 'skip', 'error']).toContain(check.outcome);
        const decision = matchEventAlarm(alarm, event);
        if (decision !== undefined) {
          expect(decision.state).toBe('alarm');
          expect(decision.reason.startsWith(`Event <id=${event.message_id},event_type=${event.event_type}> hits the query <query=`)).toBe(true);
          expect(decision.reasonData).toEqual({ type: 'event', event: event.raw });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a pattern without wildcard characters matches only itself', () => {
    const literal = fc.string().filter((text) => !/[*?[]/.test(text));
    fc.assert(fc.property(literal, fc.string(), (text, other) => fnmatch(text, text) && fnmatch(other, text) === (other === text)));
  });

  it('`*` around a literal finds it anywhere', () => {
    const literal = fc.string().filter((text) => !/[*?[]/.test(text));
    fc.assert(fc.property(literal, fc.string(), fc.string(), (needle, before, after) => fnmatch(`${before}${needle}${after}`, `*${needle}*`)));
  });
});
