import type { Alarm } from '../../domain/alarm.js';
import type { CandidateCache } from '../../listener/candidate-cache.js';
import { parseEvent, type AodhEvent } from '../../listener/event.js';
import type { EventOrder, Fired } from '../../listener/event-order.js';
import { checkEventAlarm } from '../../listener/match.js';
import { logger } from '../../observability/logger.js';
import { refreshAlarm, type RefreshDeps, type RefreshOutcome } from '../../transitions/refresh-alarm.js';
import { ConcurrencyBudget } from '../concurrency.js';

export interface ListenerDeps extends RefreshDeps {
  /** Candidates per project, from the by-event-project index, cached for event_alarm_cache_ttl. */
  cache: CandidateCache;
  /** Keeps this process's events in arrival order per project and per alarm (one per process). */
  order: EventOrder;
  /** Candidate alarms fired at once for one event. */
  concurrency: number;
}

export interface EventReport {
  /** The event's id, when it had one. */
  eventId?: string;
  /** Why the event was skipped as invalid. */
  invalid?: string;
  candidates: number;
  fired: number;
  outcomes: Partial<Record<RefreshOutcome, number>>;
}

/**
 * Writes lost to another writer before the firing is given up. Each loss re-reads the alarm,
 * so only a writer changing this one alarm continuously could exhaust it; that is logged.
 */
export const MAX_FIRING_ATTEMPTS = 5;

type Firing = { outcome: RefreshOutcome } | { outcome: 'skipped' } | { outcome: 'failed'; error: unknown };

/**
 * One alarm against one event, in the alarm's turn: checked against the newest copy (an earlier
 * event may just have fired it), then written. A lost race re-reads the alarm and checks the
 * event again, so a repeat_actions firing is never dropped and a no-repeat alarm fired by
 * another writer meanwhile is skipped.
 */
async function fire(deps: ListenerDeps, event: AodhEvent, alarm: Alarm): Promise<Fired<Firing>> {
  let current = alarm;
  for (let attempt = 1; ; attempt += 1) {
    const check = checkEventAlarm(current, event);
    if (check.outcome !== 'fire') return { result: { outcome: 'skipped' }, after: current };
    let outcome: RefreshOutcome;
    try {
      outcome = await refreshAlarm(deps, current, check.decision, { alwaysRecord: current.repeat_actions });
    } catch (error) {
      logger.error('event alarm firing failed', { alarm_id: current.alarm_id, event_id: event.message_id, error: error as Error });
      return { result: { outcome: 'failed', error } };
    }
    if (outcome === 'transitioned' || outcome === 'queued-later') {
      // The store bumped the version by one: the cache must hold what the next write will expect.
      const after = { ...current, state: check.decision.state, state_reason: check.decision.reason, version: current.version + 1 };
      deps.cache.replace(after);
      return { result: { outcome }, after };
    }
    if (outcome === 'deleted') {
      deps.cache.invalidate(event.project);
      return { result: { outcome } };
    }
    if (outcome !== 'lost-race') return { result: { outcome }, after: current };
    deps.cache.invalidate(event.project);
    if (attempt >= MAX_FIRING_ATTEMPTS) {
      logger.warn('event alarm firing given up after lost races', { alarm_id: current.alarm_id, event_id: event.message_id, attempts: attempt });
      return { result: { outcome } };
    }
    let fresh: Alarm | undefined;
    try {
      fresh = await deps.store.getAlarm(current.alarm_id);
    } catch (error) {
      logger.error('event alarm re-read failed', { alarm_id: current.alarm_id, event_id: event.message_id, error: error as Error });
      return { result: { outcome: 'failed', error } };
    }
    if (fresh === undefined) return { result: { outcome: 'deleted' } };
    current = fresh;
  }
}

/**
 * The listener (§5): one event from the bus against the enabled event alarms of its project.
 * An invalid event is logged with its id and skipped (never retried: it would be invalid
 * again); an alarm whose check fails is logged and the others still run. Firing goes
 * through the evaluator's transition code (conditional write, history, outbox, queue), in
 * batch order per alarm (event-order.ts). Infrastructure failures (the store) propagate, so
 * EventBridge retries the event.
 */
export async function evaluateEventAlarms(deps: ListenerDeps, input: unknown): Promise<EventReport> {
  const parsed = parseEvent(input);
  if (!parsed.ok) {
    logger.warn('invalid event skipped', { event_id: parsed.id, reason: parsed.reason });
    return { ...(parsed.id ? { eventId: parsed.id } : {}), invalid: parsed.reason, candidates: 0, fired: 0, outcomes: {} };
  }
  const { event } = parsed;
  const budget = new ConcurrencyBudget(deps.concurrency);
  // Queued before this function's first await: arrival order is the order of the checks.
  const { candidates, firings } = await deps.order.inProjectOrder(event.project, async () => {
    const list = await deps.cache.get(event.project, () => deps.store.listEventAlarms(event.project));
    const queued: Array<Promise<Firing>> = [];
    for (const alarm of list) {
      const check = checkEventAlarm(alarm, event);
      if (check.outcome === 'error') {
        logger.warn('event alarm could not be checked', { alarm_id: alarm.alarm_id, event_id: event.message_id, problem: check.problem });
      } else if (check.outcome === 'fire') {
        // Queued now, in this event's turn; run later, in the alarm's turn, within this event's slots.
        queued.push(deps.order.inAlarmOrder(alarm, (current) => budget.run(() => fire(deps, event, current))));
      }
    }
    return { candidates: list.length, firings: queued };
  });
  const report: EventReport = { eventId: event.message_id, candidates, fired: 0, outcomes: {} };
  let failure: unknown;
  for (const firing of await Promise.all(firings)) {
    if (firing.outcome === 'skipped') continue;
    if (firing.outcome === 'failed') {
      failure ??= firing.error;
      continue;
    }
    report.fired++;
    report.outcomes[firing.outcome] = (report.outcomes[firing.outcome] ?? 0) + 1;
  }
  // After every candidate had its turn: the store failing is the one reason to have the event retried.
  if (failure !== undefined) throw failure;
  return report;
}
