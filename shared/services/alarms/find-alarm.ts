import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { AlarmNotFoundError } from '../../errors.js';
import type { AlarmStore } from '../../ports/alarm-store.js';
import { enforce, type PolicyRule } from '../policy.js';

/**
 * §6.4: every /v2/alarms/{id} route. An alarm of another project is reported exactly
 * like a missing one (404), then the route's policy runs against the alarm's owners.
 */
export async function findAlarm(store: AlarmStore, caller: Identity, alarmId: string, rule: PolicyRule): Promise<Alarm> {
  const alarm = await store.getAlarm(alarmId);
  if (!alarm || (!isAdmin(caller) && alarm.project_id !== caller.projectId)) throw new AlarmNotFoundError(alarmId);
  enforce(rule, caller, { project_id: alarm.project_id });
  return alarm;
}
