import { InvalidInputError } from '../errors.js';
import { compareRecords, type SortKey } from '../query/pagination.js';

export async function collect<T>(items: AsyncIterable<T>, keep: (item: T) => boolean = () => true): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) if (keep(item)) out.push(item);
  return out;
}

/**
 * Sorts in memory and cuts the page after `marker` (the id of the previous page's last
 * item). Deliberate fix (§13.18): an unknown marker is a 400, not Aodh's 500.
 */
export function pageInMemory<T extends object>(
  items: T[],
  options: { sort: SortKey[]; idField: keyof T & string; marker?: string; limit?: number },
): T[] {
  const sorted = [...items].sort(compareRecords(options.sort, { idField: options.idField }));
  let start = 0;
  if (options.marker !== undefined) {
    const index = sorted.findIndex((item) => item[options.idField] === options.marker);
    if (index < 0) throw new InvalidInputError(`Marker ${options.marker} not found.`, 'marker');
    start = index + 1;
  }
  return sorted.slice(start, options.limit === undefined ? undefined : start + options.limit);
}
