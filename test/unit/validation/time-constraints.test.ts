import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { parseTimeConstraints } from '../../../shared/validation/time-constraints.js';
import { expectThrows } from '../../support/expect-error.js';

const tc = (extra: Record<string, unknown> = {}) => ({ name: 'nightly', start: '0 23 * * *', duration: 10800, ...extra });

describe('time constraints (§1.3)', () => {
  it('fills in the description and timezone defaults', () => {
    expect(parseTimeConstraints([tc()])).toStrictEqual([
      { name: 'nightly', description: 'Time constraint at 0 23 * * * lasting for 10800 seconds', start: '0 23 * * *', duration: 10800, timezone: '' },
    ]);
    expect(parseTimeConstraints([tc({ description: '' })])?.[0]?.description).toBe('Time constraint at 0 23 * * * lasting for 10800 seconds');
  });

  it('keeps a given description and zone, and coerces the duration', () => {
    expect(parseTimeConstraints([tc({ description: 'build', timezone: 'Europe/Ljubljana', duration: '60' })])).toStrictEqual([
      { name: 'nightly', description: 'build', start: '0 23 * * *', duration: 60, timezone: 'Europe/Ljubljana' },
    ]);
  });

  it('defaults to [] and keeps an explicit null', () => {
    expect(parseTimeConstraints(undefined)).toEqual([]);
    expect(parseTimeConstraints(null)).toBeNull();
  });

  it.each(['*/5 * * * *', '0 0 * * 1-5', '0 0 1,15 * *', '@daily', '@hourly', '0 0 * * 7'])('accepts the cron expression %s', (start) => {
    expect(parseTimeConstraints([tc({ start })])).toHaveLength(1);
  });

  it.each<[string, unknown, string]>([
    ['a missing name', [{ start: '* * * * *', duration: 1 }], "Invalid input for field/attribute name. Value: 'None'. Mandatory field missing."],
    ['a missing start', [{ name: 'a', duration: 1 }], "Invalid input for field/attribute start. Value: 'None'. Mandatory field missing."],
    ['a missing duration', [{ name: 'a', start: '* * * * *' }], "Invalid input for field/attribute duration. Value: 'None'. Mandatory field missing."],
    ['an out-of-range minute', [tc({ start: '61 * * * *' })], "Invalid input for field/attribute start. Value: '61 * * * *'. [61 * * * *] is not acceptable"],
    ['garbage', [tc({ start: 'a b c d e' })], "Invalid input for field/attribute start. Value: 'a b c d e'. [a b c d e] is not acceptable"],
    ['six fields', [tc({ start: '0 0 0 * * *' })], "Invalid input for field/attribute start. Value: '0 0 0 * * *'. [0 0 0 * * *] is not acceptable"],
    ['four fields', [tc({ start: '0 0 * *' })], "Invalid input for field/attribute start. Value: '0 0 * *'. Exactly 5 or 6 columns has to be specified for iterator expression."],
    ['seven fields', [tc({ start: '0 0 * * * * *' })], "Invalid input for field/attribute start. Value: '0 0 * * * * *'. Exactly 5 or 6 columns has to be specified for iterator expression."],
    ['a negative duration', [tc({ duration: -1 })], "Invalid input for field/attribute duration. Value: '-1'. Value should be greater or equal to 0"],
    ['a text duration', [tc({ duration: 'long' })], "Invalid input for field/attribute duration. Value: 'long'. invalid literal for int() with base 10: 'long'"],
    ['an unknown zone', [tc({ timezone: 'Mars/Olympus' })], 'Timezone Mars/Olympus is not valid'],
    ['an offset zone (pytz refuses it)', [tc({ timezone: '+01:00' })], 'Timezone +01:00 is not valid'],
    ['duplicate names', [tc(), tc({ start: '0 1 * * *' })], 'Time constraint names must be unique for a given alarm.'],
    ['a list that is not a list', 'x', "Invalid input for field/attribute time_constraints. Value: 'x'. Wrong type. Expected '[<class 'dict'>]', got '<class 'str'>'"],
  ])('refuses %s', (_name, value, message) => {
    expectThrows(() => parseTimeConstraints(value), InvalidInputError, message);
  });

  it('reports unknown attributes under data.time_constraints', () => {
    expectThrows(() => parseTimeConstraints([tc({ foo: 1 })]), UnknownAttributeError, 'Unknown attribute for argument data.time_constraints: foo');
  });
});

describe('time constraint limits (a hostile tenant must not stall the evaluator)', () => {
  it('refuses more than 20 constraints, without echoing the list back', () => {
    const many = Array.from({ length: 21 }, (_, i) => tc({ name: `n${i}` }));
    expect(parseTimeConstraints(many.slice(0, 20))).toHaveLength(20);
    expectThrows(() => parseTimeConstraints(many), InvalidInputError, 'At most 20 time constraints are allowed per alarm, got 21.');
  });

  it('refuses a pattern that never fires in the constraint zone', () => {
    expectThrows(
      () => parseTimeConstraints([tc({ start: '0 0 30 2 *', timezone: 'Europe/Ljubljana' })]),
      InvalidInputError,
      "Invalid input for field/attribute start. Value: '0 0 30 2 *'. [0 0 30 2 *] never fires: no date matches it",
    );
  });
});
