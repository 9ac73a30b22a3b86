import type { Acknowledgement, Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { formatTimestamp } from '../../domain/time.js';
import { ConflictError } from '../../errors.js';
import { parseAckBody } from '../../validation/ack-body.js';
import type { AlarmServiceDeps } from './deps.js';
import { findAlarm } from './find-alarm.js';
import { historyRow } from './history-rows.js';
import { retryOnConflict } from './retry-on-conflict.js';

type Attempt = { alarm: Alarm } | { refused: string };

/**
 * PUT /v2/alarms/{id}/ack (beyond Aodh): repeat notifications stop until the next state change,
 * which clears the acknowledgement. As in Grafana and PagerDuty, any state but `ok` can be
 * acknowledged; `ok` has nothing to acknowledge (409). Same policy as changing the state.
 * Re-acknowledging replaces the earlier acknowledgement (new author, time and comment).
 */
export async function acknowledgeAlarm(deps: AlarmServiceDeps, caller: Identity, alarmId: string, body: unknown): Promise<Alarm> {
  const outcome = await retryOnConflict<Attempt>(async () => {
    const stored = await findAlarm(deps.store, caller, alarmId, 'change_alarm_state');
    const { comment } = parseAckBody(body);
    if (stored.state === 'ok') return { refused: `Alarm ${alarmId} is in state ok: there is nothing to acknowledge` };
    const now = formatTimestamp(deps.clock.now());
    const acknowledged: Acknowledgement = { by: caller.userId, at: now, ...(comment !== undefined ? { comment } : {}) };
    const alarm = await deps.store.updateState({
      alarmId,
      expectedVersion: stored.version,
      state: stored.state,
      stateReason: stored.state_reason,
      acknowledged,
      history: historyRow(deps, stored, 'acknowledgement', { acknowledged: true, state: stored.state, comment: comment ?? null }, caller, now),
    });
    return { alarm };
  });
  // Thrown outside the retry loop, which re-runs every ConflictError as a lost race.
  if ('refused' in outcome) throw new ConflictError(outcome.refused);
  return outcome.alarm;
}

/** DELETE /v2/alarms/{id}/ack: repeats resume. Idempotent: an alarm not acknowledged is left unwritten. */
export async function unacknowledgeAlarm(deps: AlarmServiceDeps, caller: Identity, alarmId: string): Promise<void> {
  await retryOnConflict(async () => {
    const stored = await findAlarm(deps.store, caller, alarmId, 'change_alarm_state');
    if (!stored.acknowledged) return;
    const now = formatTimestamp(deps.clock.now());
    await deps.store.updateState({
      alarmId,
      expectedVersion: stored.version,
      state: stored.state,
      stateReason: stored.state_reason,
      acknowledged: null,
      history: historyRow(deps, stored, 'acknowledgement', { acknowledged: false, state: stored.state }, caller, now),
    });
  });
}
