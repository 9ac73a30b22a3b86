import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { filterPredicate, parseComplexQuery, restrictToProject } from '../../query/complex-query.js';
import { collect, pageInMemory } from '../paging.js';
import { enforce } from '../policy.js';
import { DEFAULT_HISTORY_SORT, toChangeView, type AlarmChangeView } from './alarm-history.js';
import type { AlarmServiceDeps } from './deps.js';

/**
 * POST /v2/query/alarms (§6.12). Non-admins are confined to their project: the filter is
 * wrapped, and storage is read through the project index rather than scanned.
 */
export async function queryAlarms(deps: AlarmServiceDeps, caller: Identity, body: unknown): Promise<Alarm[]> {
  const { filter, orderby, limit } = parseComplexQuery(body, 'alarm');
  enforce('query_alarm', caller, { project_id: caller.projectId });
  const admin = isAdmin(caller);
  const node = admin ? filter : restrictToProject(filter, 'project_id', caller.projectId);
  const matches = node ? filterPredicate(node) : () => true;
  const alarms = await collect(deps.store.listAlarms(admin ? {} : { projectId: caller.projectId }), (alarm) => matches({ ...alarm }));
  const sort = orderby.length > 0 ? orderby : [{ key: 'timestamp', dir: 'desc' as const }];
  return pageInMemory(alarms, { sort, idField: 'alarm_id', limit });
}

/** POST /v2/query/alarms/history (§6.12): non-admins see rows on behalf of their project only. */
export async function queryAlarmHistory(deps: AlarmServiceDeps, caller: Identity, body: unknown): Promise<AlarmChangeView[]> {
  const { filter, orderby, limit } = parseComplexQuery(body, 'history');
  enforce('query_alarm_history', caller, { project_id: caller.projectId });
  const admin = isAdmin(caller);
  const node = admin ? filter : restrictToProject(filter, 'on_behalf_of', caller.projectId);
  const matches = node ? filterPredicate(node) : () => true;
  const rows = await collect(deps.store.scanHistory(admin ? {} : { onBehalfOf: caller.projectId }), (row) => matches({ ...row }));
  const sort = orderby.length > 0 ? orderby : DEFAULT_HISTORY_SORT;
  return pageInMemory(rows, { sort, idField: 'event_id', limit }).map(toChangeView);
}
