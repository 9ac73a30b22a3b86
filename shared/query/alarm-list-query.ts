import type { AlarmState, Severity } from '../domain/alarm.js';
import { normaliseTimestamp } from '../domain/time.js';
import { InvalidInputError } from '../errors.js';
import type { AlarmEqualityFilter } from '../ports/alarm-store.js';
import { pySetRepr } from '../python/repr.js';
import { boolFromString } from '../python/strutils.js';
import { conversionError, convertQueryValue, type SimpleQuery } from './simple-query.js';

/** `ALARM_QUERY_FIELDS_ALLOWED` of Aodh's AlarmsController, printed as a set in the 400. */
export const ALARM_LIST_FIELDS = [
  'all_projects', 'user_id', 'project_id', 'type', 'name', 'enabled', 'state', 'severity', 'timestamp', 'repeat_actions',
] as const;

export interface AlarmListFilters {
  /** `all_projects` read as a strict boolean; the caller enforces `get_alarms:all_projects`. */
  allProjects: boolean;
  /** The first `project_id` filter, the one Aodh checks against the caller (401 for another project). */
  projectId?: string;
  /** Every `project_id` value given, in order: a non-admin must own all of them. */
  projectIds: string[];
  /** The remaining equality filters; a field given twice keeps its last value, as Aodh's dict does. */
  filter: AlarmEqualityFilter;
}

function isAllowed(field: string): boolean {
  return (ALARM_LIST_FIELDS as readonly string[]).includes(field);
}

/**
 * Without `q.type` Aodh reads values as Python literals, so `name=42` would compare a text
 * column with an int. Text columns take the raw text whenever the literal is not a string.
 */
function text(query: SimpleQuery): string {
  const value = convertQueryValue(query);
  return typeof value === 'string' ? value : query.value;
}

/**
 * Booleans: `True`/`False` (literal), 1/0 (SQLAlchemy accepts them) or, deliberately, any
 * strict boolean spelling (`true`, `yes`…): Aodh would pass the string "true" to the database
 * and fail with a 500, so we read it instead. Anything else is the conversion 400.
 */
function flag(query: SimpleQuery): boolean {
  const value = convertQueryValue(query);
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  const read = boolFromString(query.value);
  if (read === undefined) throw conversionError(query.value, 'boolean');
  return read;
}

/** Timestamps compare in the stored form; text that is not ISO 8601 is a 400, not a DB error. */
function timestamp(query: SimpleQuery): string {
  const value = query.type === 'datetime' ? convertQueryValue(query) : text(query);
  const normalised = typeof value === 'string' ? normaliseTimestamp(value) : undefined;
  if (normalised === undefined) throw conversionError(query.value, 'datetime');
  return normalised;
}

/**
 * GET /v2/alarms filters (§6.5), checked in Aodh's order: fields, then operators (`eq` only),
 * then `all_projects`. RBAC (403 for all_projects, 401 for another project) is the caller's.
 */
export function parseAlarmListQuery(queries: readonly SimpleQuery[]): AlarmListFilters {
  const fields = queries.map((query) => query.field);
  if (!fields.every(isAllowed)) {
    throw new InvalidInputError(
      `Invalid input for field/attribute field. Value: '${pySetRepr(fields)}'. only fields ${pySetRepr(ALARM_LIST_FIELDS)} are allowed`,
      'field',
    );
  }
  const ops = queries.map((query) => query.op);
  if (ops.some((op) => op !== 'eq')) {
    throw new InvalidInputError(
      `Invalid input for field/attribute op. Value: '${pySetRepr(ops)}'. only operations {'eq'} are allowed`,
      'op',
    );
  }
  const allProjectsQuery = queries.find((query) => query.field === 'all_projects');
  // get_query_value(q, 'all_projects', 'boolean'): the first one, forced to a strict boolean.
  const allProjects = allProjectsQuery ? convertQueryValue(allProjectsQuery, 'boolean') === true : false;
  const projectIds = queries.filter((query) => query.field === 'project_id').map(text);

  const filter: AlarmEqualityFilter = {};
  for (const query of queries) {
    switch (query.field) {
      case 'user_id':
      case 'type':
      case 'name':
        filter[query.field] = text(query);
        break;
      // A value outside the enum is kept: like Aodh's SQL equality it simply matches nothing.
      case 'state':
        filter.state = text(query) as AlarmState;
        break;
      case 'severity':
        filter.severity = text(query) as Severity;
        break;
      case 'enabled':
      case 'repeat_actions':
        filter[query.field] = flag(query);
        break;
      case 'timestamp':
        filter.timestamp = timestamp(query);
        break;
      default:
        break;
    }
  }
  return { allProjects, ...(projectIds[0] !== undefined ? { projectId: projectIds[0] } : {}), projectIds, filter };
}
