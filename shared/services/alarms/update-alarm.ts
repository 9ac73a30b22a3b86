import { isDeepStrictEqual } from 'node:util';
import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { formatTimestamp } from '../../domain/time.js';
import { AlarmNotFoundError } from '../../errors.js';
import { logger } from '../../observability/logger.js';
import { clientAttributes, parseAlarmBody, readOnlyAcknowledged, type AlarmInput } from '../../validation/alarm-body.js';
import { changedDetail } from './alarm-view.js';
import type { AlarmServiceDeps } from './deps.js';
import { findAlarm } from './find-alarm.js';
import { historyRow } from './history-rows.js';
import { ownerForUpdate } from './ownership.js';
import { finishDeletedAlarm } from './purge-deleted.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { validateRuleFor } from './validate-rule.js';

/**
 * PUT /v2/alarms/{id} (§6.7): full replacement, omitted attributes take their defaults.
 * Deliberate fix (§13.3): an omitted or null `evaluate_timestamp` keeps the stored one
 * instead of writing NULL, which silently stopped evaluation in Aodh.
 */
export async function replaceAlarm(deps: AlarmServiceDeps, caller: Identity, alarmId: string, body: unknown): Promise<Alarm> {
  const input = parseAlarmBody(body, {
    alarmTypes: deps.alarmTypes,
    notifiers: deps.notifiers,
    maxActions: deps.settings.alarmMaxActions,
    callerIsAdmin: isAdmin(caller),
  });
  return retryOnConflict(() => applyReplacement(deps, caller, alarmId, input));
}

/** One read-modify-write of the replacement; re-run from a fresh read when a concurrent write wins. */
async function applyReplacement(deps: AlarmServiceDeps, caller: Identity, alarmId: string, input: AlarmInput): Promise<Alarm> {
  const stored = await findAlarm(deps.store, caller, alarmId, 'change_alarm');
  const owner = ownerForUpdate(caller, { userId: stored.user_id, projectId: stored.project_id }, input);
  const rule = await validateRuleFor(deps, input.type, input.rule, caller, owner.projectId);
  const now = formatTimestamp(deps.clock.now());
  const stateChanged = input.state !== stored.state;
  // A pending transition (state_detail, beyond Aodh) belongs to the state and rule it was seen under.
  const { state_detail: pending, acknowledged, repeat_interval: _replaced, ...kept } = stored;
  const keepPending = pending !== undefined && !stateChanged && isDeepStrictEqual(rule, stored.rule);
  // aodhclient's update sends back what it read: the stored acknowledgement is accepted, any other refused.
  if (input.acknowledged !== undefined && !isDeepStrictEqual(input.acknowledged, acknowledged ?? null)) throw readOnlyAcknowledged(input.acknowledged);
  const next: Alarm = {
    ...kept,
    ...(keepPending ? { state_detail: pending } : {}),
    // The next state change ends an acknowledgement, through the API as through the evaluator.
    ...(acknowledged && !stateChanged ? { acknowledged } : {}),
    ...clientAttributes(input),
    ...(input.repeat_interval !== undefined ? { repeat_interval: input.repeat_interval } : {}),
    state_reason: stateChanged ? 'Manually set via API' : stored.state_reason,
    state_timestamp: stateChanged ? now : stored.state_timestamp,
    user_id: owner.userId,
    project_id: owner.projectId,
    timestamp: now,
    evaluate_timestamp: input.evaluate_timestamp ?? stored.evaluate_timestamp,
    rule,
  };
  const detail = changedDetail(stored, next);
  const change = Object.keys(detail).length > 0 ? historyRow(deps, next, 'rule change', detail, caller, now) : undefined;
  return deps.store.replaceAlarm(next, change);
}

/** What one DELETE spends on the history clean-up before it answers; the rest runs later. */
export const DELETE_PURGE_BUDGET_MS = 300;

/**
 * DELETE /v2/alarms/{id} (§6.9): the alarm, its history and its counters go; no history row is
 * written. The alarm goes first, in one write that also hides its history (issue 11 A7); the
 * history and counters follow within DELETE_PURGE_BUDGET_MS, and whatever is left is purged by
 * the evaluator's runs (purge-deleted.ts), so the answer never waits on the history's length.
 * A repeated DELETE answers 404 as Aodh does, but carries the clean-up on first.
 */
export async function deleteAlarm(deps: AlarmServiceDeps, caller: Identity, alarmId: string): Promise<void> {
  const deadline = deps.clock.now().getTime() + DELETE_PURGE_BUDGET_MS;
  try {
    await findAlarm(deps.store, caller, alarmId, 'delete_alarm');
  } catch (error) {
    if (error instanceof AlarmNotFoundError && (await deps.store.isPurgePending(alarmId))) await finishQuietly(deps, alarmId, deadline);
    throw error;
  }
  await deps.store.deleteAlarm(alarmId);
  await finishQuietly(deps, alarmId, deadline);
}

/** The alarm is already gone and its rows hidden: a failing clean-up step is left to the next run, not reported as a failed delete. */
async function finishQuietly(deps: AlarmServiceDeps, alarmId: string, deadline: number): Promise<void> {
  try {
    await finishDeletedAlarm(deps, alarmId, deadline);
  } catch (error) {
    logger.warn('clean-up of a deleted alarm deferred', { alarm_id: alarmId, error });
  }
}
