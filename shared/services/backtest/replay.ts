import type { AlarmTypePlugin } from '../../alarm-types/plugin.js';
import type { Alarm, AlarmState } from '../../domain/alarm.js';
import { formatTimestamp } from '../../domain/time.js';
import type { AlarmNotification } from '../../domain/transition.js';
import { coalesceSources } from '../../evaluation/coalesce-sources.js';
import type { Decision } from '../../evaluation/decision.js';
import { redactUrl } from '../../notifiers/redact.js';
import type { MetricSources } from '../../ports/metric-source.js';
import { detailToWrite, notificationFor } from '../../transitions/refresh-alarm.js';
import { evaluateAlarmResult } from '../evaluation/evaluate-alarm.js';
import { notificationOf } from '../notification/deliver-transition.js';

export interface TimelineStep {
  timestamp: string;
  state: AlarmState;
  reason: string;
}

export interface ReplayedTransition extends TimelineStep {
  previous: AlarmState;
}

export interface ReplayedNotification {
  timestamp: string;
  action: string;
  payload: AlarmNotification;
}

export interface BacktestResult {
  timeline: TimelineStep[];
  transitions: ReplayedTransition[];
  notifications: ReplayedNotification[];
  summary: {
    steps: number;
    transitions: number;
    time_in_alarm_s: number;
    time_in_ok_s: number;
    time_in_insufficient_data_s: number;
  };
}

export interface ReplayDeps {
  sources: MetricSources;
  additionalIngestionLag: number;
}

/**
 * Replays `alarm` at every step of `times` (oldest first; the range ends at `end`) through the
 * evaluator's own code: evaluateAlarmResult (time constraints, the type's evaluateThreshold,
 * the shared decision) with a context whose `now` is the step, and `_refresh`'s rules for what
 * a decision does (transition, pending detail, repeat notification). Nothing is written.
 * Steps run one after another: each decision depends on the state the previous one left.
 */
export async function replayAlarm(deps: ReplayDeps, alarm: Alarm, plugin: AlarmTypePlugin, times: readonly Date[], end: Date): Promise<BacktestResult> {
  let current: Alarm = { ...alarm };
  const result: BacktestResult = {
    timeline: [],
    transitions: [],
    notifications: [],
    summary: { steps: times.length, transitions: 0, time_in_alarm_s: 0, time_in_ok_s: 0, time_in_insufficient_data_s: 0 },
  };
  for (const [index, now] of times.entries()) {
    const timestamp = formatTimestamp(now);
    // One coalesced set per step, as one evaluator cycle has.
    const context = { now, sources: coalesceSources(deps.sources), additionalIngestionLag: deps.additionalIngestionLag, replay: true };
    const { decision } = await evaluateAlarmResult(current, plugin, context);
    if (decision) current = apply(current, decision, timestamp, result);
    result.timeline.push({ timestamp, state: current.state, reason: decision?.reason ?? current.state_reason });
    const until = times[index + 1] ?? end;
    addTime(result.summary, current.state, (until.getTime() - now.getTime()) / 1000);
  }
  result.summary.transitions = result.transitions.length;
  return result;
}

/** refreshAlarm's three outcomes, in memory: transition (notifies), pending (detail only), repeat (notifies if repeat_actions). */
function apply(alarm: Alarm, decision: Decision, timestamp: string, result: BacktestResult): Alarm {
  const changed = decision.state !== alarm.state;
  const stateDetail = detailToWrite(alarm, decision, changed);
  const next = withDetail({ ...alarm, state_reason: decision.reason }, stateDetail);
  if (changed) {
    result.transitions.push({ timestamp, previous: alarm.state, state: decision.state, reason: decision.reason });
    notify(alarm, decision, timestamp, result);
    return { ...next, state: decision.state, state_timestamp: timestamp };
  }
  if (stateDetail !== undefined) return next;
  if (alarm.repeat_actions) notify(alarm, decision, timestamp, result);
  // An unchanged decision writes nothing: the stored reason stays the old one.
  return alarm;
}

function withDetail(alarm: Alarm, detail: Alarm['state_detail'] | null | undefined): Alarm {
  if (detail === undefined) return alarm;
  const { state_detail: _dropped, ...rest } = alarm;
  return detail === null ? rest : { ...rest, state_detail: detail };
}

/** What the notifier would send, per action of the new state; URLs redacted as in every report. */
function notify(alarm: Alarm, decision: Decision, timestamp: string, result: BacktestResult): void {
  const payload = notificationOf(notificationFor(alarm, decision, 'backtest', timestamp));
  const shown: AlarmNotification = { ...payload, actions: payload.actions.map((action) => redactUrl(action)) };
  for (const action of shown.actions) result.notifications.push({ timestamp, action, payload: shown });
}

function addTime(summary: BacktestResult['summary'], state: AlarmState, seconds: number): void {
  if (state === 'alarm') summary.time_in_alarm_s += seconds;
  else if (state === 'ok') summary.time_in_ok_s += seconds;
  else summary.time_in_insufficient_data_s += seconds;
}
