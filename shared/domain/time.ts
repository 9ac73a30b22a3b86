/**
 * Aodh prints naive-UTC ISO 8601 without a zone suffix, as Python's isoformat does:
 * microseconds when there are any (`2017-07-15T01:31:14.516000`), none at a whole second.
 */
export function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : `${iso.slice(0, 23)}000`;
}

/** Parses ISO 8601; a value without a zone is taken as UTC (Aodh stores naive UTC). */
export function parseTimestamp(value: string): Date | undefined {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.length > 10;
  const normalised = text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(hasZone ? normalised : `${normalised.length === 10 ? `${normalised}T00:00:00` : normalised}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Re-renders any accepted ISO input in Aodh's stored form, so string comparison orders
 * correctly. Microseconds survive (a Date alone keeps milliseconds).
 */
export function normaliseTimestamp(value: string): string | undefined {
  const date = parseTimestamp(value);
  if (!date) return undefined;
  const micros = /\.\d{3}(\d{1,3})/.exec(value)?.[1]?.padEnd(3, '0') ?? '000';
  if (micros === '000') return formatTimestamp(date);
  return `${date.toISOString().slice(0, 23)}${micros}`;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
