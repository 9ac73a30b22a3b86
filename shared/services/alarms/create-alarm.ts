import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { formatTimestamp } from '../../domain/time.js';
import { clientAttributes, parseAlarmBody, readOnlyAcknowledged } from '../../validation/alarm-body.js';
import { enforce } from '../policy.js';
import { creationDetail } from './alarm-view.js';
import type { AlarmServiceDeps } from './deps.js';
import { historyRow } from './history-rows.js';
import { assertWithinQuota, ownerForCreate, quotaExceeded } from './ownership.js';
import { QuotaExceededError } from '../../ports/alarm-store.js';
import { validateRuleFor } from './validate-rule.js';

/** POST /v2/alarms, in Aodh's order (§6.6): validate body, RBAC, ownership, quota, rule checks, insert + history. */
export async function createAlarm(deps: AlarmServiceDeps, caller: Identity, body: unknown): Promise<Alarm> {
  const admin = isAdmin(caller);
  const input = parseAlarmBody(body, {
    alarmTypes: deps.alarmTypes,
    notifiers: deps.notifiers,
    maxActions: deps.settings.alarmMaxActions,
    callerIsAdmin: admin,
  });
  if (input.acknowledged !== undefined) throw readOnlyAcknowledged(input.acknowledged);
  enforce('create_alarm', caller, admin ? {} : { project_id: caller.projectId });
  const owner = ownerForCreate(caller, input);
  const limits = await assertWithinQuota(deps, owner);
  const rule = await validateRuleFor(deps, input.type, input.rule, caller, owner.projectId);
  const now = formatTimestamp(deps.clock.now());
  const alarmId = deps.newId();
  const alarm: Alarm = {
    alarm_id: alarmId,
    ...clientAttributes(input),
    ...(input.repeat_interval !== undefined ? { repeat_interval: input.repeat_interval } : {}),
    state_reason: 'Not evaluated yet',
    project_id: owner.projectId,
    user_id: owner.userId,
    timestamp: now,
    state_timestamp: now,
    evaluate_timestamp: input.evaluate_timestamp ?? now,
    rule,
    version: 0,
  };
  try {
    return await deps.store.createAlarm(alarm, historyRow(deps, alarm, 'creation', creationDetail(alarm), caller, now), limits);
  } catch (error) {
    throw error instanceof QuotaExceededError ? quotaExceeded(owner, error) : error;
  }
}
