import { actionsFor, type Alarm } from '../domain/alarm.js';
import type { AlarmChange } from '../domain/history.js';
import { formatTimestamp, type Clock } from '../domain/time.js';
import type { TransitionMessage } from '../domain/transition.js';
import type { Decision } from '../evaluation/decision.js';
import { logger } from '../observability/logger.js';
import type { AlarmStore } from '../ports/alarm-store.js';
import type { TransitionQueue } from '../ports/transition-queue.js';
import { fitForQueue } from './fit-for-queue.js';
import { handOff } from './hand-off.js';
import { repeatDue, sendRepeat } from './repeat.js';
import { writeState } from './write-state.js';
import { pyJsonDumps } from '../python/repr.js';
import { isDeepStrictEqual } from 'node:util';

export interface RefreshDeps {
  store: AlarmStore;
  queue: TransitionQueue;
  clock: Clock;
  newId: () => string;
  /** Who history rows say made evaluator changes (Aodh: the service user and project). */
  serviceIdentity: { userId: string; projectId: string };
}

/** `pending`: only the alarm's state_detail changed (a pending transition started or was called off). */
export type RefreshOutcome = 'transitioned' | 'notified' | 'unchanged' | 'pending' | 'lost-race' | 'deleted' | 'queued-later';

/**
 * The state_detail to write: the decision's, and on any state change none (a transition ends
 * whatever was pending); undefined when the stored one is already right, so that a steady
 * cycle writes nothing.
 */
export function detailToWrite(alarm: Alarm, decision: Decision, changed: boolean): Alarm['state_detail'] | null | undefined {
  const wanted = decision.stateDetail !== undefined ? decision.stateDetail : changed ? null : undefined;
  if (wanted === undefined) return undefined;
  return isDeepStrictEqual(wanted ?? undefined, alarm.state_detail) ? undefined : wanted;
}

/** Fitted to the queue's size limit here, so outbox, queue and webhook all carry the same message (a back-test shows the same). */
export function notificationFor(alarm: Alarm, decision: Decision, transitionId: string, timestamp: string): TransitionMessage {
  return fitForQueue({
    transition_id: transitionId,
    timestamp,
    actions: actionsFor(alarm, decision.state),
    alarm_id: alarm.alarm_id,
    alarm_name: alarm.name,
    severity: alarm.severity,
    previous: alarm.state,
    current: decision.state,
    reason: decision.reason,
    reason_data: decision.reasonData,
  });
}

/**
 * Aodh's `Evaluator._refresh` (§3.4), the one place a decision becomes a state change.
 * Differences, each deliberate: the write is conditional on the version read, so two
 * evaluators never both record a transition and an API edit is never overwritten
 * (§13.11); the notification is written to the outbox in the same transaction, so a
 * queue outage loses nothing; state_timestamp moves with the state (§13.2); and an alarm
 * deleted meanwhile is not notified (§13.12).
 */
export async function refreshAlarm(deps: RefreshDeps, alarm: Alarm, decision: Decision, options: { alwaysRecord?: boolean } = {}): Promise<RefreshOutcome> {
  const now = formatTimestamp(deps.clock.now());
  const changed = decision.state !== alarm.state;
  const stateDetail = detailToWrite(alarm, decision, changed);
  if (!changed && !options.alwaysRecord && stateDetail !== undefined) return recordPending(deps, alarm, decision, stateDetail, now);
  if (!changed && !options.alwaysRecord) {
    if (!alarm.repeat_actions || !repeatDue(alarm, deps.clock.now())) return 'unchanged';
    return sendRepeat(deps, alarm, notificationFor(alarm, decision, deps.newId(), now));
  }
  logger.info(`alarm ${alarm.alarm_id} transitioning to ${decision.state} because ${decision.reason}`, { alarm_id: alarm.alarm_id });
  const transitionId = deps.newId();
  const notification = notificationFor(alarm, decision, transitionId, now);
  const history: AlarmChange = {
    event_id: transitionId,
    alarm_id: alarm.alarm_id,
    type: 'state transition',
    detail: pyJsonDumps({ state: decision.state, transition_reason: decision.reason }),
    user_id: deps.serviceIdentity.userId,
    project_id: deps.serviceIdentity.projectId,
    on_behalf_of: alarm.project_id,
    timestamp: now,
    severity: alarm.severity,
  };
  // An acknowledged alarm re-recorded in the same state (an event alarm's repeat) stays quiet.
  const queued = notification.actions.length > 0 && !(alarm.acknowledged && !changed);
  const written = await writeState(deps.store, {
      alarmId: alarm.alarm_id,
      expectedVersion: alarm.version,
      state: decision.state,
      stateReason: decision.reason,
      ...(changed ? { stateTimestamp: now } : {}),
      ...(stateDetail !== undefined ? { stateDetail } : {}),
      // An acknowledgement belongs to the state it was given in: the next state change ends it.
      ...(changed && alarm.acknowledged ? { acknowledged: null } : {}),
      history,
      ...(queued ? { notification } : {}),
  });
  if (written !== 'written') return written;
  if (queued && !(await handOff(deps.store, deps.queue, [notification]))) return 'queued-later';
  return 'transitioned';
}

/**
 * A pending transition started or was called off: the state stays, its reason and
 * state_detail change, and a history row says why. Nobody is notified: nothing transitioned.
 */
async function recordPending(deps: RefreshDeps, alarm: Alarm, decision: Decision, stateDetail: Alarm['state_detail'] | null, now: string): Promise<RefreshOutcome> {
  const eventId = deps.newId();
  const written = await writeState(deps.store, {
      alarmId: alarm.alarm_id,
      expectedVersion: alarm.version,
      state: alarm.state,
      stateReason: decision.reason,
      stateDetail: stateDetail ?? null,
      history: {
        event_id: eventId,
        alarm_id: alarm.alarm_id,
        type: 'state transition',
        detail: pyJsonDumps({ state: alarm.state, transition_reason: decision.reason, state_detail: stateDetail ?? null }),
        user_id: deps.serviceIdentity.userId,
        project_id: deps.serviceIdentity.projectId,
        on_behalf_of: alarm.project_id,
        timestamp: now,
        severity: alarm.severity,
      },
  });
  return written === 'written' ? 'pending' : written;
}
