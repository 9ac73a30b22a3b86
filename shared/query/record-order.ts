import { SEVERITIES } from '../domain/alarm.js';
import { pyJsonDumps } from '../python/repr.js';

export interface SortKey {
  key: string;
  dir: 'asc' | 'desc';
}

/**
 * Severity sorts by meaning (low < moderate < critical), as Aodh does on MySQL. Deliberate fix:
 * Aodh answers 501 on every other backend; we support it everywhere.
 */
const SEVERITY_RANK: ReadonlyMap<string, number> = new Map(SEVERITIES.map((severity, rank) => [severity, rank]));

/** Ranks of value kinds, so that mixed-type columns still get a total order. NULL sorts lowest. */
function kindRank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  return 4;
}

function sign(diff: number): number {
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** NaN sorts before every other number and equals itself, keeping the order total. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(b)) - Number(Number.isNaN(a));
  return sign(a - b);
}

function compareValues(key: string, a: unknown, b: unknown): number {
  const kinds = kindRank(a) - kindRank(b);
  if (kinds !== 0) return sign(kinds);
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign(Number(a) - Number(b));
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (key === 'severity') {
      // Unknown severities (not producible through the API) sort after the known ones.
      const ranks = (SEVERITY_RANK.get(a) ?? SEVERITIES.length) - (SEVERITY_RANK.get(b) ?? SEVERITIES.length);
      if (ranks !== 0) return sign(ranks);
    }
    return compareText(a, b);
  }
  if (kindRank(a) === 4) return compareText(pyJsonDumps(a), pyJsonDumps(b));
  return 0;
}

function fieldOf(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Readonly<Record<string, unknown>>)[key] : undefined;
}

/**
 * A comparator over plain records for `sort`, then `idField` (alarm_id / event_id) so that
 * equal keys still give one stable order and marker paging never skips or repeats rows.
 * The tiebreak runs in the direction of the last sort key: with the default
 * `timestamp desc` that is (timestamp, id) descending, the order the store pages in.
 *
 * Values: NULL lowest (first ascending, as MySQL), then booleans (false < true), numbers,
 * strings (by UTF-16 code unit), and objects/arrays by their JSON text.
 */
export function compareRecords(sort: readonly SortKey[], options: { idField: string }): (a: object, b: object) => number {
  const keys: readonly SortKey[] = [...sort, { key: options.idField, dir: sort.at(-1)?.dir ?? 'asc' }];
  return (a, b) => {
    for (const { key, dir } of keys) {
      const order = compareValues(key, fieldOf(a, key), fieldOf(b, key));
      if (order !== 0) return dir === 'desc' ? -order : order;
    }
    return 0;
  };
}
