import type { AlarmChange } from '../../domain/history.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { NotAuthorizedError } from '../../errors.js';
import { parseHistoryQuery } from '../../query/history-query.js';
import { HISTORY_SORT_KEYS, parsePagination, type SortKey } from '../../query/pagination.js';
import { parseSimpleQueries, type QueryParams } from '../../query/simple-query.js';
import { collect, pageInMemory } from '../paging.js';
import type { AlarmServiceDeps } from './deps.js';
import { findAlarm } from './find-alarm.js';

export const DEFAULT_HISTORY_SORT: SortKey[] = [{ key: 'timestamp', dir: 'desc' }];

/** The API shape of a history row: `severity` is stored and filterable but never returned (§6.10). */
export type AlarmChangeView = Omit<AlarmChange, 'severity'>;

export function toChangeView({ severity: _severity, ...view }: AlarmChange): AlarmChangeView {
  return view;
}

/** Non-admins see only rows made on behalf of their project, evaluator rows included. */
export function visibleTo(caller: Identity): (change: AlarmChange) => boolean {
  return isAdmin(caller) ? () => true : (change) => change.on_behalf_of === caller.projectId;
}

/** GET /v2/alarms/{id}/history (§6.10). One alarm's history is small: filter and sort in memory. */
export async function getAlarmHistory(
  deps: AlarmServiceDeps,
  caller: Identity,
  alarmId: string,
  params: QueryParams,
): Promise<AlarmChangeView[]> {
  const { projectIds, predicate } = parseHistoryQuery(parseSimpleQueries(params));
  const { limit, marker, sort } = parsePagination(params, { sortKeys: HISTORY_SORT_KEYS, defaultSort: DEFAULT_HISTORY_SORT });
  await findAlarm(deps.store, caller, alarmId, 'alarm_history');
  const foreign = isAdmin(caller) ? undefined : projectIds.find((project) => project !== caller.projectId);
  if (foreign !== undefined) throw new NotAuthorizedError(`Not Authorized to access project ${foreign}`);
  const visible = visibleTo(caller);
  const rows = await collect(deps.store.listHistory({ alarmId }), (change) => visible(change) && predicate(change));
  return pageInMemory(rows, { sort, idField: 'event_id', marker, limit }).map(toChangeView);
}
