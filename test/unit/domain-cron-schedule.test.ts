import { describe, expect, it } from 'vitest';
import { cronSchedule } from '../../shared/domain/cron-schedule.js';
import { withinTimeConstraint } from '../../shared/evaluation/time-constraints.js';

describe('cron schedules (compiled once per pattern and zone)', () => {
  it('hands every caller the same compiled schedule for one pattern and zone', () => {
    expect(cronSchedule('0 9 * * 1-5', 'Europe/Paris')).toBe(cronSchedule('0 9 * * 1-5', 'Europe/Paris'));
    expect(cronSchedule('0 9 * * 1-5', 'Europe/Paris')).not.toBe(cronSchedule('0 9 * * 1-5', ''));
  });

  it('knows a pattern that no date matches never fires, and one on leap days does', () => {
    expect(cronSchedule('0 0 30 2 *', '').firesEver).toBe(false);
    expect(cronSchedule('0 0 31 4 *', 'Asia/Tokyo').firesEver).toBe(false);
    expect(cronSchedule('0 0 29 2 *', '').firesEver).toBe(true);
  });

  it('finds the fires at or around an instant, inclusive of the instant itself', () => {
    const schedule = cronSchedule('0 * * * *', '');
    const onTheHour = Date.parse('2024-03-01T10:00:00Z');
    expect(schedule.nextAtOrAfter(onTheHour)).toBe(onTheHour);
    expect(schedule.latestAtOrBefore(onTheHour)).toBe(onTheHour);
    expect(schedule.nextAtOrAfter(onTheHour + 1)).toBe(Date.parse('2024-03-01T11:00:00Z'));
  });

  it('a stored never-firing constraint (accepted before the API refused them) never holds', () => {
    expect(withinTimeConstraint({ start: '0 0 30 2 *', duration: 86_400 * 366, timezone: '' }, new Date('2024-02-29T12:00:00Z'))).toBe(false);
  });
});
