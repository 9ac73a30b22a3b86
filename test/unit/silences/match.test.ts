import { describe, expect, it } from 'vitest';
import type { Silence, SilenceMatcher } from '../../../shared/domain/silence.js';
import { activeSilenceFor, matchersMatch, silenceMatches, silenceState, silenceWindowOpen, type SilenceableAlarm } from '../../../shared/silences/match.js';

const alarm: SilenceableAlarm = { alarm_id: 'a-1', name: 'web-cpu-high', type: 'prometheus', severity: 'critical', project_id: 'p1' };

function silence(extra: Partial<Silence> = {}): Silence {
  return {
    silence_id: 's-1',
    project_id: 'p1',
    user_id: 'u1',
    created_by: 'u1',
    comment: 'maintenance',
    matchers: [{ name: 'alarm_name', value: 'web-*' }],
    starts_at: '2026-12-05T06:00:00',
    ends_at: '2026-12-05T08:00:00',
    recurring: null,
    notify_on_end: true,
    expiry_actions: [],
    timestamp: '2026-12-05T05:00:00',
    updated_at: '2026-12-05T05:00:00',
    ...extra,
  };
}

const at = (iso: string) => new Date(`${iso}Z`);
const inWindow = at('2026-12-05T07:00:00');
const only = (...matchers: SilenceMatcher[]) => silence({ matchers });

describe('silence matchers', () => {
  it.each<[string, SilenceMatcher, boolean]>([
    ['an exact alarm_id', { name: 'alarm_id', value: 'a-1' }, true],
    ['another alarm_id', { name: 'alarm_id', value: 'a-2' }, false],
    ['an alarm_id is not a glob', { name: 'alarm_id', value: 'a-*' }, false],
    ['a star glob', { name: 'alarm_name', value: 'web-*' }, true],
    ['a question-mark glob', { name: 'alarm_name', value: 'web-cpu-hig?' }, true],
    ['a bracket glob', { name: 'alarm_name', value: '[vw]eb-*' }, true],
    ['a negated bracket glob', { name: 'alarm_name', value: '[!w]eb-*' }, false],
    ['a glob matches the whole name only', { name: 'alarm_name', value: 'web' }, false],
    ['globs are case-sensitive', { name: 'alarm_name', value: 'WEB-*' }, false],
    ['the exact name', { name: 'alarm_name', value: 'web-cpu-high' }, true],
    ['the type', { name: 'type', value: 'prometheus' }, true],
    ['another type', { name: 'type', value: 'event' }, false],
    ['the severity', { name: 'severity', value: 'critical' }, true],
    ['another severity', { name: 'severity', value: 'low' }, false],
    ['the project', { name: 'project_id', value: 'p1' }, true],
    ['another project', { name: 'project_id', value: 'p2' }, false],
  ])('%s → %s', (_name, matcher, expected) => {
    expect(silenceMatches(only(matcher), alarm, inWindow)).toBe(expected);
  });

  it('needs every matcher to match', () => {
    const name = { name: 'alarm_name', value: 'web-*' } as const;
    expect(silenceMatches(only(name, { name: 'severity', value: 'critical' }), alarm, inWindow)).toBe(true);
    expect(silenceMatches(only(name, { name: 'severity', value: 'low' }), alarm, inWindow)).toBe(false);
  });

  it('stays within its own project unless a project_id matcher chooses one', () => {
    const other = { ...alarm, project_id: 'p2' };
    expect(matchersMatch(silence(), other)).toBe(false);
    expect(matchersMatch(only({ name: 'alarm_name', value: '*' }, { name: 'project_id', value: 'p2' }), other)).toBe(true);
    expect(matchersMatch(only({ name: 'project_id', value: 'p2' }), alarm)).toBe(false);
  });

  it('matches nothing with no matchers (never the whole project)', () => {
    expect(matchersMatch(only(), alarm)).toBe(false);
  });
  // Linear-time glob matching itself is covered by test/unit/python/fnmatch-linear.test.ts.
});

describe('silenceState and the one-off window [starts_at, ends_at)', () => {
  it.each<[string, string, 'pending' | 'active' | 'expired']>([
    ['before starts_at', '2026-12-05T05:59:59.999', 'pending'],
    ['at starts_at', '2026-12-05T06:00:00', 'active'],
    ['inside', '2026-12-05T07:59:59', 'active'],
    ['at ends_at', '2026-12-05T08:00:00', 'expired'],
    ['after ends_at', '2026-12-06T00:00:00', 'expired'],
  ])('%s it is %s', (_name, now, state) => {
    expect(silenceState(silence(), at(now))).toBe(state);
    expect(silenceMatches(silence(), alarm, at(now))).toBe(state === 'active');
  });

  it('never expires a series without ends_at', () => {
    const series = silence({ ends_at: null, recurring: { start: '0 22 * * *', duration: 3600, timezone: 'UTC' } });
    expect(silenceState(series, at('2036-01-01T00:00:00'))).toBe('active');
  });
});

describe('recurring silences follow time-constraint semantics inside their span', () => {
  // Saturdays 22:00 Berlin for two hours; the series runs from December 1 to 31.
  const series = silence({
    starts_at: '2026-12-01T00:00:00',
    ends_at: '2026-12-31T00:00:00',
    recurring: { start: '0 22 * * 6', duration: 7200, timezone: 'Europe/Berlin' },
  });

  it.each<[string, string, boolean]>([
    ['at the fire (21:00 UTC on Saturday)', '2026-12-05T21:00:00', true],
    ['within the duration', '2026-12-05T22:59:59', true],
    ['at the end of the duration (inclusive, as Aodh)', '2026-12-05T23:00:00', true],
    ['after the window', '2026-12-05T23:00:01', false],
    ['well before the fire', '2026-12-05T20:00:00', false],
    ['less than a minute before the fire (Aodh\'s exact match)', '2026-12-05T20:59:30', true],
    ['on a weekday', '2026-12-07T21:30:00', false],
    ['next Saturday', '2026-12-12T21:30:00', true],
  ])('%s → %s', (_name, now, expected) => {
    expect(silenceWindowOpen(series, at(now))).toBe(expected);
    expect(silenceMatches(series, alarm, at(now))).toBe(expected);
  });

  it('stays closed outside its span even when a window is open', () => {
    expect(silenceState(series, at('2026-11-28T21:30:00'))).toBe('pending');
    expect(silenceWindowOpen(series, at('2026-11-28T21:30:00'))).toBe(false);
    expect(silenceState(series, at('2027-01-02T21:30:00'))).toBe('expired');
    expect(silenceWindowOpen(series, at('2027-01-02T21:30:00'))).toBe(false);
  });
});

describe('activeSilenceFor', () => {
  const first = silence({ silence_id: 's-1', matchers: [{ name: 'severity', value: 'low' }] });
  const second = silence({ silence_id: 's-2' });
  const third = silence({ silence_id: 's-3', matchers: [{ name: 'alarm_id', value: 'a-1' }] });

  it('returns the first silence that applies, in the order given', () => {
    expect(activeSilenceFor([first, second, third], alarm, inWindow)?.silence_id).toBe('s-2');
    expect(activeSilenceFor([first, third, second], alarm, inWindow)?.silence_id).toBe('s-3');
  });

  it('returns undefined when none applies now', () => {
    expect(activeSilenceFor([first, second, third], alarm, at('2026-12-05T09:00:00'))).toBeUndefined();
    expect(activeSilenceFor([], alarm, inWindow)).toBeUndefined();
  });
});
