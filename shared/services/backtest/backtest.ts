import type { Alarm } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { formatTimestamp } from '../../domain/time.js';
import { InvalidInputError, MetricSourceUnavailableError, ServiceUnavailableError } from '../../errors.js';
import { InvalidQueryError } from '../../metric-sources/errors.js';
import { clientAttributes, parseAlarmBody } from '../../validation/alarm-body.js';
import type { AlarmServiceDeps } from '../alarms/deps.js';
import { findAlarm } from '../alarms/find-alarm.js';
import { ownerForCreate } from '../alarms/ownership.js';
import { validateRuleFor } from '../alarms/validate-rule.js';
import { enforce } from '../policy.js';
import { parseBacktestRange } from './range.js';
import { type BacktestResult, replayAlarm } from './replay.js';

/** Aodh's default evaluation_interval, when the API was given none. */
const DEFAULT_INTERVAL_S = 60;

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidInputError('Invalid input: the body should be a JSON object', 'body');
  return body as Record<string, unknown>;
}

/** POST /v2/alarms/{id}/backtest: the stored alarm, readable by the caller as GET /v2/alarms/{id} is. */
export async function backtestSavedAlarm(deps: AlarmServiceDeps, caller: Identity, alarmId: string, body: unknown): Promise<BacktestResult> {
  const input = objectBody(body);
  const alarm = await findAlarm(deps.store, caller, alarmId, 'get_alarm');
  const range = parseBacktestRange(input, deps.clock.now(), deps.evaluationInterval ?? DEFAULT_INTERVAL_S);
  // The replay starts as a new alarm does, not from today's state.
  const { state_detail: _today, ...rest } = alarm;
  return replay(deps, { ...rest, state: 'insufficient data', state_reason: 'Not evaluated yet' }, range);
}

/**
 * POST /v2/backtest: `{"alarm": {…}, "start", "end"}`. The alarm is validated exactly as
 * POST /v2/alarms would (body, RBAC, ownership, rule checks) but not stored, so no quota applies.
 */
export async function backtestAlarmBody(deps: AlarmServiceDeps, caller: Identity, body: unknown): Promise<BacktestResult> {
  const input = objectBody(body);
  if (input.alarm === undefined) throw new InvalidInputError('Mandatory field missing: alarm', 'alarm');
  const admin = isAdmin(caller);
  const parsed = parseAlarmBody(input.alarm, { alarmTypes: deps.alarmTypes, notifiers: deps.notifiers, maxActions: deps.settings.alarmMaxActions, callerIsAdmin: admin });
  enforce('create_alarm', caller, admin ? {} : { project_id: caller.projectId });
  const owner = ownerForCreate(caller, parsed);
  const rule = await validateRuleFor(deps, parsed.type, parsed.rule, caller, owner.projectId);
  const range = parseBacktestRange(input, deps.clock.now(), deps.evaluationInterval ?? DEFAULT_INTERVAL_S);
  const at = formatTimestamp(range.start);
  const alarm: Alarm = {
    alarm_id: deps.newId(),
    ...clientAttributes(parsed),
    state_reason: 'Not evaluated yet',
    project_id: owner.projectId,
    user_id: owner.userId,
    timestamp: at,
    state_timestamp: at,
    evaluate_timestamp: at,
    rule,
    version: 0,
  };
  return replay(deps, alarm, range);
}

async function replay(deps: AlarmServiceDeps, alarm: Alarm, range: ReturnType<typeof parseBacktestRange>): Promise<BacktestResult> {
  const plugin = deps.alarmTypes[alarm.type];
  if (!plugin || plugin.trigger !== 'scheduled' || !plugin.evaluateThreshold || plugin.evaluate) {
    throw new InvalidInputError(`backtest supports threshold alarm types; ${alarm.type} is not one`, 'type');
  }
  try {
    return await replayAlarm({ sources: deps.metricSources ?? {}, additionalIngestionLag: deps.additionalIngestionLag ?? 0 }, alarm, plugin, range.times, range.end);
  } catch (error) {
    // The evaluator would keep the state and retry; a back-test cannot, so it says why it stopped.
    if (error instanceof MetricSourceUnavailableError) throw new ServiceUnavailableError(`backtest: metric source unavailable: ${error.message}`, { cause: error });
    if (error instanceof InvalidQueryError) throw new InvalidInputError(`backtest: ${error.message}`, 'rule', { cause: error });
    throw error;
  }
}
