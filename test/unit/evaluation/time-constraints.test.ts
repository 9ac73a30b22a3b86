import { describe, expect, it } from 'vitest';
import type { TimeConstraint } from '../../../shared/domain/alarm.js';
import { withinTimeConstraints } from '../../../shared/evaluation/time-constraints.js';

const tc = (start: string, duration: number, timezone = ''): TimeConstraint => ({ name: start, description: '', start, duration, timezone });

type Row = [now: string, expected: boolean, why: string];

/** Each group: one constraint, many instants (ISO, UTC) → within? */
const groups: Array<{ name: string; constraint: TimeConstraint; rows: Row[] }> = [
  { name: 'daily 10:00 UTC for an hour', constraint: tc('0 10 * * *', 3600), rows: [
    ['2024-03-01T10:00:00Z', true, 'on the fire time (croniter skips it; the exact-minute rule catches it)'],
    ['2024-03-01T10:30:00Z', true, 'inside'],
    ['2024-03-01T11:00:00Z', true, 'the end is inclusive'],
    ['2024-03-01T11:00:00.001Z', false, 'just after the end'],
    ['2024-03-01T09:59:30Z', true, 'within 60 s before the next fire'],
    ['2024-03-01T09:59:00.001Z', true, 'just under 60 s before'],
    ['2024-03-01T09:59:00Z', false, 'exactly 60 s before is not < 60'],
    ['2024-03-01T03:00:00Z', false, 'far outside'],
  ] },
  { name: 'duration 0', constraint: tc('0 10 * * *', 0), rows: [
    ['2024-03-01T10:00:00Z', true, 'exactly on the fire'],
    ['2024-03-01T09:59:10Z', true, 'the exact-minute rule looks ahead only'],
    ['2024-03-01T10:00:30Z', false, 'after the fire, nothing'],
  ] },
  { name: 'every 15 minutes for 60 s', constraint: tc('*/15 * * * *', 60), rows: [
    ['2024-03-01T10:16:00Z', true, 'inside the window of 10:15'],
    ['2024-03-01T10:16:01Z', false, 'past it'],
    ['2024-03-01T10:29:30Z', true, '30 s before 10:30'],
  ] },
  { name: 'office hours Mon–Fri 09:00 for 8 h', constraint: tc('0 9 * * 1-5', 8 * 3600), rows: [
    ['2024-03-01T16:59:00Z', true, 'Friday afternoon'],
    ['2024-03-01T17:00:00Z', true, 'Friday 17:00, inclusive'],
    ['2024-03-02T12:00:00Z', false, 'Saturday'],
    ['2024-03-04T08:59:59Z', true, 'Monday, a second before'],
  ] },
  { name: 'across midnight', constraint: tc('0 22 * * *', 4 * 3600), rows: [
    ['2024-03-02T01:30:00Z', true, 'after midnight, still in the window of 22:00'],
    ['2024-03-02T02:00:01Z', false, 'over'],
  ] },
  { name: 'day-of-month OR day-of-week, as croniter', constraint: tc('0 0 1 * 1', 3600), rows: [
    ['2024-03-04T00:30:00Z', true, 'a Monday that is not the 1st'],
    ['2024-03-01T00:30:00Z', true, 'the 1st, a Friday'],
    ['2024-03-05T00:30:00Z', false, 'neither'],
  ] },
  { name: '@daily nickname', constraint: tc('@daily', 60), rows: [['2024-03-01T00:00:59Z', true, 'just after midnight'], ['2024-03-01T00:02:00Z', false, 'later']] },
  { name: 'a date that never comes', constraint: tc('0 0 30 2 *', 86400), rows: [['2024-03-01T00:00:00Z', false, 'February 30th never fires']] },
  { name: 'Asia/Tokyo 09:00 (+09:00)', constraint: tc('0 9 * * *', 3600, 'Asia/Tokyo'), rows: [
    ['2024-03-01T00:30:00Z', true, '09:30 JST'],
    ['2024-03-01T09:30:00Z', false, '09:30 UTC is 18:30 JST'],
  ] },
  { name: 'Asia/Kolkata 09:00 (+05:30)', constraint: tc('0 9 * * *', 0, 'Asia/Kolkata'), rows: [
    ['2024-03-01T03:30:00Z', true, '09:00 IST'],
    ['2024-03-01T03:29:30Z', true, '30 s before'],
    ['2024-03-01T03:29:00Z', false, '60 s before'],
  ] },
  // Europe/Berlin, 2024-03-31: 02:00 CET jumps to 03:00 CEST (01:00Z).
  { name: 'Berlin spring-forward: 02:30 does not exist, fires at 03:00 CEST', constraint: tc('30 2 * * *', 1800, 'Europe/Berlin'), rows: [
    ['2024-03-31T01:00:00Z', true, '03:00 CEST, right after the gap'],
    ['2024-03-31T01:29:59Z', true, 'in its 30 minutes'],
    ['2024-03-31T01:30:01Z', false, 'past them'],
    ['2024-03-31T00:59:30Z', true, '01:59:30 CET, 30 s before the (moved) fire'],
    ['2024-03-31T00:30:00Z', false, '01:30 CET: the last fire was the day before'],
    ['2024-04-01T00:45:00Z', true, 'next day back to 02:30 CEST (00:30Z)'],
  ] },
  { name: 'Berlin spring-forward: 09:00 is already CEST', constraint: tc('0 9 * * *', 3600, 'Europe/Berlin'), rows: [
    ['2024-03-31T07:30:00Z', true, '09:30 CEST'],
    ['2024-03-31T08:30:00Z', false, 'would be inside with the winter offset'],
    ['2024-03-30T08:30:00Z', true, 'the day before, winter time'],
  ] },
  // Europe/Berlin, 2024-10-27: 03:00 CEST falls back to 02:00 CET (01:00Z); 02:30 happens twice.
  { name: 'Berlin fall-back: a repeated 02:30 fires once', constraint: tc('30 2 * * *', 600, 'Europe/Berlin'), rows: [
    ['2024-10-27T00:35:00Z', true, 'first 02:30 (CEST)'],
    ['2024-10-27T01:35:00Z', false, 'second 02:30 (CET): no second fire'],
  ] },
  { name: 'Berlin fall-back: the duration is real seconds', constraint: tc('0 2 * * *', 5400, 'Europe/Berlin'), rows: [
    ['2024-10-27T01:29:00Z', true, '02:29 CET, 89 real minutes after 02:00 CEST'],
    ['2024-10-27T01:31:00Z', false, '91 real minutes'],
  ] },
  // America/New_York, 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00Z).
  { name: 'New York spring-forward: fixed 02:30 fires at 03:00 EDT', constraint: tc('30 2 * * *', 900, 'America/New_York'), rows: [
    ['2024-03-10T07:10:00Z', true, '03:10 EDT'],
    ['2024-03-10T07:16:00Z', false, '03:16 EDT'],
  ] },
  { name: 'New York spring-forward: interval times in the gap are skipped', constraint: tc('*/30 2 * * *', 600, 'America/New_York'), rows: [
    ['2024-03-10T07:05:00Z', false, 'no 02:xx that night'],
    ['2024-03-09T07:35:00Z', true, 'the night before, 02:35 EST'],
  ] },
  // America/New_York, 2024-11-03: 02:00 EDT falls back to 01:00 EST (06:00Z); 01:xx happens twice.
  { name: 'New York fall-back: fixed 01:30 fires once', constraint: tc('30 1 * * *', 600, 'America/New_York'), rows: [
    ['2024-11-03T05:35:00Z', true, '01:35 EDT'],
    ['2024-11-03T06:35:00Z', false, '01:35 EST'],
  ] },
  { name: 'New York fall-back: interval 01:xx fires on both passes', constraint: tc('*/30 1 * * *', 600, 'America/New_York'), rows: [
    ['2024-11-03T05:35:00Z', true, '01:35 EDT'],
    ['2024-11-03T06:35:00Z', true, '01:35 EST'],
  ] },
  { name: 'New York fall-back: a 24 h window is 24 real hours', constraint: tc('0 0 * * *', 86400, 'America/New_York'), rows: [
    ['2024-11-04T03:59:00Z', true, '22:59 EST, 23 h 59 after midnight EDT'],
    ['2024-11-04T04:30:00Z', false, '23:30 EST: 24.5 real hours on, next midnight not yet'],
  ] },
];

describe('time constraints (§3.2)', () => {
  describe.each(groups)('$name', ({ constraint, rows }) => {
    it.each(rows)('%s → %s (%s)', (now, expected) => {
      expect(withinTimeConstraints([constraint], new Date(now))).toBe(expected);
    });
  });

  it('no constraints (empty or null) always holds', () => {
    expect(withinTimeConstraints([], new Date('2024-03-01T03:00:00Z'))).toBe(true);
    expect(withinTimeConstraints(null, new Date('2024-03-01T03:00:00Z'))).toBe(true);
  });

  it('any one constraint holding is enough', () => {
    const constraints = [tc('0 10 * * *', 60), tc('0 3 * * *', 60, 'Europe/Berlin')];
    expect(withinTimeConstraints(constraints, new Date('2024-03-01T02:00:30Z'))).toBe(true);
    expect(withinTimeConstraints(constraints, new Date('2024-03-01T10:00:30Z'))).toBe(true);
    expect(withinTimeConstraints(constraints, new Date('2024-03-01T12:00:00Z'))).toBe(false);
  });
});
