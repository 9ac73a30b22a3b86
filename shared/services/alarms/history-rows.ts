import type { Alarm } from '../../domain/alarm.js';
import type { AlarmChange, AlarmChangeType } from '../../domain/history.js';
import type { Identity } from '../../domain/identity.js';
import type { AlarmServiceDeps } from './deps.js';
import { pyJsonDumps } from '../../python/repr.js';

/** A history row made by a caller through the API: who acted, on behalf of the alarm's project. */
export function historyRow(
  deps: Pick<AlarmServiceDeps, 'newId'>,
  alarm: Alarm,
  type: AlarmChangeType,
  detail: Record<string, unknown>,
  actor: Identity,
  timestamp: string,
): AlarmChange {
  return {
    event_id: deps.newId(),
    alarm_id: alarm.alarm_id,
    type,
    detail: pyJsonDumps(detail),
    user_id: actor.userId,
    project_id: actor.projectId,
    on_behalf_of: alarm.project_id,
    timestamp,
    severity: alarm.severity,
  };
}
