import type { AlarmChange } from '../domain/history.js';
import { formatTimestamp, normaliseTimestamp, parseTimestamp } from '../domain/time.js';
import { InvalidInputError } from '../errors.js';
import { pythonInt } from '../python/builtins.js';
import { pyListRepr } from '../python/repr.js';
import { conversionError, queryRepr, type SimpleQuery } from './simple-query.js';

/**
 * The keys Aodh derives from `get_alarm_changes`' signature (minus the internal alarm_id and
 * on_behalf_of), sorted, as its "unrecognized field" message prints them.
 */
export const HISTORY_FILTER_KEYS = ['project', 'search_offset', 'severity', 'timestamp', 'type', 'user'] as const;

/** Aodh's `translation` of query fields to storage arguments. */
const TRANSLATION: ReadonlyMap<string, string> = new Map([
  ['user_id', 'user'],
  ['project_id', 'project'],
]);
const EQUALITY_KEYS = new Set(['user', 'project', 'type', 'severity']);

export interface HistoryFilters {
  /** The first project filter: the caller raises 401 when a non-admin names another project. */
  projectId?: string;
  /** Every project value given, in order (Aodh refuses a non-admin if any one is foreign). */
  projectIds: string[];
  predicate: (change: AlarmChange) => boolean;
}

function invalidOp(query: SimpleQuery): InvalidInputError {
  return new InvalidInputError(`Invalid input for field/attribute op. Value: '${query.op}'. unimplemented operator for ${query.field}`, 'op');
}

function bound(query: SimpleQuery | undefined, offsetMinutes: number): string | undefined {
  // Aodh's _parse_timestamp: an empty value is no bound at all.
  if (!query || query.value === '') return undefined;
  const date = parseTimestamp(query.value);
  if (!date) {
    throw new InvalidInputError(`Invalid input for field/attribute timestamp. Value: '${query.value}'. invalid timestamp format`, 'timestamp');
  }
  return formatTimestamp(new Date(date.getTime() + offsetMinutes * 60_000));
}

/** Aodh's validate_query: timestamp operators, search_offset, then each other field in order. */
function validate(queries: readonly SimpleQuery[]): void {
  const stamps = queries.filter((query) => query.field === 'timestamp');
  // Aodh checks only the first timestamp query's operator and silently ignores an `eq` one
  // after it; we check them all, so no bound is dropped without a word.
  const badStamp = stamps.find((query) => !['lt', 'le', 'gt', 'ge'].includes(query.op));
  if (badStamp) throw invalidOp(badStamp);
  const offsets = queries.filter((query) => query.field === 'search_offset');
  const badOffset = offsets.find((query) => query.op !== 'eq');
  if (badOffset) throw invalidOp(badOffset);
  if (offsets.length > 0 && stamps.length === 0) {
    throw new InvalidInputError(
      "Invalid input for field/attribute field. Value: 'search_offset'. search_offset cannot be used without timestamp",
      'field',
    );
  }
  for (const query of queries) {
    if (query.field === 'timestamp' || query.field === 'search_offset') continue;
    const key = TRANSLATION.get(query.field) ?? query.field;
    if (!EQUALITY_KEYS.has(key)) {
      throw new InvalidInputError(
        `Unknown argument: "${key}": unrecognized field in query: [${queries.map(queryRepr).join(', ')}], ` +
          `valid keys: ${pyListRepr(HISTORY_FILTER_KEYS)}`,
        'field',
      );
    }
    if (query.op !== 'eq') throw invalidOp(query);
  }
}

/**
 * GET /v2/alarms/{id}/history filters (§6.10). Values are compared as given (Aodh does not
 * literal-eval them here). A field given twice keeps its last value, as Aodh's kwargs do.
 *
 * `project`/`project_id` filters on the change's `project_id` — who made the change — not on
 * `on_behalf_of`: Aodh passes it to get_alarm_changes(project=…), which compares
 * AlarmChange.project_id, while visibility (on_behalf_of = caller's project) is applied
 * separately. So `project=<own>` hides the evaluator's transitions (made by the service project).
 *
 * Timestamps: `gt`/`ge` set the lower bound and `lt`/`le` the upper (the last of each wins);
 * `search_offset` minutes widen both. Deliberate fix: a zone offset is converted to UTC, where
 * Aodh drops it and compares the local wall-clock time.
 */
export function parseHistoryQuery(queries: readonly SimpleQuery[]): HistoryFilters {
  validate(queries);
  const equal = new Map<string, string>();
  let lower: SimpleQuery | undefined;
  let upper: SimpleQuery | undefined;
  let offsetText: string | undefined;
  for (const query of queries) {
    if (query.field === 'timestamp') {
      if (query.op === 'gt' || query.op === 'ge') lower = query;
      else upper = query;
    } else if (query.field === 'search_offset') {
      offsetText = query.value;
    } else {
      equal.set(TRANSLATION.get(query.field) ?? query.field, query.value);
    }
  }
  // Aodh's int(search_offset) raises a bare ValueError (a 500); we answer the conversion 400.
  const offset = offsetText === undefined ? 0 : pythonInt(offsetText);
  if (offset === undefined) throw conversionError(offsetText ?? '', 'integer');
  const start = bound(lower, -offset);
  const end = bound(upper, offset);

  const projectIds = queries.filter((query) => TRANSLATION.get(query.field) === 'project' || query.field === 'project').map((query) => query.value);
  const user = equal.get('user');
  const project = equal.get('project');
  const type = equal.get('type');
  const severity = equal.get('severity');
  const predicate = (change: AlarmChange): boolean => {
    if (user !== undefined && change.user_id !== user) return false;
    if (project !== undefined && change.project_id !== project) return false;
    if (type !== undefined && change.type !== type) return false;
    if (severity !== undefined && change.severity !== severity) return false;
    if (start === undefined && end === undefined) return true;
    const at = normaliseTimestamp(change.timestamp) ?? change.timestamp;
    if (start !== undefined && (lower?.op === 'gt' ? at <= start : at < start)) return false;
    if (end !== undefined && (upper?.op === 'le' ? at > end : at >= end)) return false;
    return true;
  };
  return { ...(projectIds[0] !== undefined ? { projectId: projectIds[0] } : {}), projectIds, predicate };
}
