import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { InvalidInputError, NotAuthorizedError } from '../../errors.js';
import type { AlarmListQuery } from '../../ports/alarm-store.js';
import { parseAlarmListQuery } from '../../query/alarm-list-query.js';
import { ALARM_SORT_KEYS, parsePagination, type SortKey } from '../../query/pagination.js';
import { parseSimpleQueries, type QueryParams } from '../../query/simple-query.js';
import { collect, pageInMemory } from '../paging.js';
import { enforce } from '../policy.js';
import type { AlarmServiceDeps } from './deps.js';

const DEFAULT_SORT: SortKey[] = [{ key: 'timestamp', dir: 'desc' }];

/**
 * GET /v2/alarms (§6.5). Scoped to the caller's project unless `all_projects` (admins
 * included, as Aodh does). Sorting by timestamp — the default — streams from the
 * project index page by page; other sort keys sort the project's matches in memory.
 */
export async function listAlarms(deps: AlarmServiceDeps, caller: Identity, params: QueryParams): Promise<Alarm[]> {
  const { allProjects, projectId: requestedProject, projectIds, filter } = parseAlarmListQuery(parseSimpleQueries(params));
  const { limit, marker, sort } = parsePagination(params, { sortKeys: ALARM_SORT_KEYS, defaultSort: DEFAULT_SORT });
  let projectId = requestedProject;
  if (allProjects) {
    enforce('get_alarms:all_projects', caller, {});
  } else if (projectId === undefined) {
    projectId = caller.projectId;
  } else {
    const foreign = isAdmin(caller) ? undefined : projectIds.find((project) => project !== caller.projectId);
    if (foreign !== undefined) throw new NotAuthorizedError(`Not Authorized to access project ${foreign}`);
  }
  enforce('get_alarms', caller, { project_id: projectId ?? caller.projectId });

  const query: AlarmListQuery = { filter, ...(projectId !== undefined ? { projectId } : {}) };
  const only = sort.length === 1 ? sort[0] : undefined;
  if (only?.key !== 'timestamp') {
    return pageInMemory(await collect(deps.store.listAlarms(query)), { sort, idField: 'alarm_id', marker, limit });
  }
  if (marker !== undefined) {
    const after = await deps.store.getAlarm(marker);
    if (!after || (projectId !== undefined && after.project_id !== projectId)) {
      throw new InvalidInputError(`Marker ${marker} not found.`, 'marker');
    }
    query.after = after;
  }
  // DynamoDB applies Limit before the filter, so a filtered page reads further ahead: a
  // selective filter then fills it in fewer round trips, at a bounded cost in read units.
  const wanted = (limit ?? 100) + 1;
  const readAhead = Math.min(Object.keys(filter).length > 0 ? 4 * wanted : wanted, 1000);
  const page: Alarm[] = [];
  for await (const alarm of deps.store.listAlarms({ ...query, order: only.dir, pageSize: readAhead })) {
    page.push(alarm);
    if (limit !== undefined && page.length >= limit) break;
  }
  return page;
}
