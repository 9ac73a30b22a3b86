import { describe, expect, it } from 'vitest';
import { formatTimestamp, normaliseTimestamp, parseTimestamp } from '../../shared/domain/time.js';

describe('timestamps', () => {
  it('prints naive UTC with microseconds, as Aodh does', () => {
    expect(formatTimestamp(new Date('2017-07-15T01:31:14.516Z'))).toBe('2017-07-15T01:31:14.516000');
    expect(formatTimestamp(new Date('2015-01-01T12:00:00Z'))).toBe('2015-01-01T12:00:00');
  });

  it('reads a naive timestamp as UTC and honours explicit zones', () => {
    expect(parseTimestamp('2015-01-01T12:00:00')?.toISOString()).toBe('2015-01-01T12:00:00.000Z');
    expect(parseTimestamp('2015-01-01T12:00:00+02:00')?.toISOString()).toBe('2015-01-01T10:00:00.000Z');
    expect(normaliseTimestamp('2015-01-01')).toBe('2015-01-01T00:00:00');
  });

  it('rejects text that is not ISO 8601', () => {
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp('2015-13-45T99:00:00')).toBeUndefined();
  });
});

describe('microseconds', () => {
  it('keeps the microseconds Aodh clients send', () => {
    expect(normaliseTimestamp('2017-07-15T01:31:14.516188')).toBe('2017-07-15T01:31:14.516188');
    expect(normaliseTimestamp('2017-07-15T01:31:14.5161')).toBe('2017-07-15T01:31:14.516100');
  });
});
