/**
 * Aodh prints naive-UTC ISO 8601 without a zone suffix and with microseconds
 * (Python's isoformat), e.g. `2017-07-15T01:31:14.516000`.
 */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
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

/** Re-renders any accepted ISO input in Aodh's stored form, so string comparison orders correctly. */
export function normaliseTimestamp(value: string): string | undefined {
  const date = parseTimestamp(value);
  return date && formatTimestamp(date);
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
