import { InvalidInputError } from '../errors.js';
import { pythonInt } from '../python/builtins.js';
import { pyTupleRepr } from '../python/repr.js';
import type { SortKey } from './record-order.js';
import type { QueryParams } from './simple-query.js';

export { compareRecords, type SortKey } from './record-order.js';

/** `models.Alarm.SUPPORT_SORT_KEYS`, in Aodh's order (it is printed as a tuple in the 400). */
export const ALARM_SORT_KEYS = [
  'alarm_id', 'enabled', 'name', 'type', 'severity', 'timestamp', 'user_id', 'project_id', 'state',
  'repeat_actions', 'state_timestamp',
] as const;

/** `models.AlarmChange.SUPPORT_SORT_KEYS`. */
export const HISTORY_SORT_KEYS = [
  'event_id', 'alarm_id', 'on_behalf_of', 'project_id', 'user_id', 'type', 'timestamp', 'severity',
] as const;

export interface Pagination {
  limit?: number;
  marker?: string;
  sort: SortKey[];
}

/**
 * WSME reads a scalar parameter from the last occurrence (WebOb's MultiDict), and an empty
 * value counts as absent.
 */
function lastValue(params: QueryParams, name: string): string | undefined {
  const value = params[name]?.at(-1);
  return value === undefined || value === '' ? undefined : value;
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const limit = pythonInt(raw);
  // The spec (§6.5) says ≤ 0 is a 400; Aodh's `if limit and limit <= 0` would let 0 through
  // as "no limit". Text that is not an integer gets the same message (Aodh: WSME's int parse).
  if (limit === undefined || limit <= 0) {
    const shown = limit === undefined ? raw : String(limit);
    throw new InvalidInputError(`Invalid input for field/attribute limit. Value: '${shown}'. it should be a positive integer.`, 'limit');
  }
  return limit;
}

function sortError(value: string, sortKeys: readonly string[]): InvalidInputError {
  return new InvalidInputError(
    `Invalid input for field/attribute sort. Value: '${value}'. the sort parameter should be a pair of sort key and ` +
      "sort dir combined with ':', or only sort key specified and sort dir will be default 'asc', " +
      `the supported sort keys are: ${pyTupleRepr(sortKeys)}`,
    'sort',
  );
}

/**
 * `limit`, `marker` and the repeatable `sort=key[:dir]` of the list endpoints (§6.5, §6.10).
 * Deliberate fix (§13.18): a direction other than `asc`/`desc` is the same 400 as an unknown
 * key, where Aodh lets the database fail. Without any `sort`, `defaultSort` applies.
 */
export function parsePagination(
  params: QueryParams,
  options: { sortKeys: readonly string[]; defaultSort: readonly SortKey[] },
): Pagination {
  const limit = parseLimit(lastValue(params, 'limit'));
  const marker = lastValue(params, 'marker');
  const sort = (params.sort ?? []).map((value): SortKey => {
    // str.partition(':'): the key is everything before the first colon, the direction the rest.
    const colon = value.indexOf(':');
    const key = colon < 0 ? value : value.slice(0, colon);
    const dir = colon < 0 ? '' : value.slice(colon + 1);
    if (!options.sortKeys.includes(key)) throw sortError(value, options.sortKeys);
    if (dir !== '' && dir !== 'asc' && dir !== 'desc') throw sortError(value, options.sortKeys);
    return { key, dir: dir === 'desc' ? 'desc' : 'asc' };
  });
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(marker !== undefined ? { marker } : {}),
    sort: sort.length > 0 ? sort : options.defaultSort.map((key) => ({ ...key })),
  };
}
