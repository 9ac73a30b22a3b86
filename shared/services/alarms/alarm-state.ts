import type { AlarmState } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { formatTimestamp } from '../../domain/time.js';
import { parseStateBody, requireStateBody } from '../../validation/state-body.js';
import type { AlarmServiceDeps } from './deps.js';
import { findAlarm } from './find-alarm.js';
import { historyRow } from './history-rows.js';
import { retryOnConflict } from './retry-on-conflict.js';

export async function getAlarmState(deps: AlarmServiceDeps, caller: Identity, alarmId: string): Promise<AlarmState> {
  return (await findAlarm(deps.store, caller, alarmId, 'get_alarm_state')).state;
}

/**
 * PUT /v2/alarms/{id}/state (§6.8): always sets state, state_timestamp and the manual
 * reason, with a `state transition` row; never runs actions.
 */
export async function setAlarmState(deps: AlarmServiceDeps, caller: Identity, alarmId: string, body: unknown): Promise<AlarmState> {
  requireStateBody(body);
  const stateReason = 'Manually set via API';
  return retryOnConflict(async () => {
    const stored = await findAlarm(deps.store, caller, alarmId, 'change_alarm_state');
    // Aodh checks the value once it has the alarm: an unknown alarm is a 404 whatever the body.
    const state = parseStateBody(body);
    const now = formatTimestamp(deps.clock.now());
    await deps.store.updateState({
      alarmId,
      expectedVersion: stored.version,
      state,
      stateReason,
      stateTimestamp: now,
      // A manual state ends whatever transition was pending (pending_period, beyond Aodh).
      ...(stored.state_detail ? { stateDetail: null } : {}),
      // An acknowledgement (beyond Aodh) belongs to the state it was given in.
      ...(stored.acknowledged && state !== stored.state ? { acknowledged: null } : {}),
      history: historyRow(deps, stored, 'state transition', { state, state_reason: stateReason }, caller, now),
    });
    return state;
  });
}
