import type { Alarm } from '../../domain/alarm.js';
import type { CandidateCache } from '../../listener/candidate-cache.js';
import { parseEvent } from '../../listener/event.js';
import { checkEventAlarm } from '../../listener/match.js';
import { logger } from '../../observability/logger.js';
import { refreshAlarm, type RefreshDeps, type RefreshOutcome } from '../../transitions/refresh-alarm.js';
import { forEachConcurrently } from '../concurrency.js';

export interface ListenerDeps extends RefreshDeps {
  /** Candidates per project, from the by-event-project index, cached for event_alarm_cache_ttl. */
  cache: CandidateCache;
  /** Candidate alarms checked at once. */
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

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/**
 * The listener (§5): one event from the bus against the enabled event alarms of its project.
 * An invalid event is logged with its id and skipped (never retried: it would be invalid
 * again); an alarm whose check fails is logged and the others still run. Firing goes
 * through the evaluator's transition code (conditional write, history, outbox, queue).
 * Infrastructure failures (the store) propagate, so EventBridge retries the event.
 */
export async function evaluateEventAlarms(deps: ListenerDeps, input: unknown): Promise<EventReport> {
  const parsed = parseEvent(input);
  if (!parsed.ok) {
    logger.warn('invalid event skipped', { event_id: parsed.id, reason: parsed.reason });
    return { ...(parsed.id ? { eventId: parsed.id } : {}), invalid: parsed.reason, candidates: 0, fired: 0, outcomes: {} };
  }
  const { event } = parsed;
  const candidates = await deps.cache.get(event.project, () => deps.store.listEventAlarms(event.project));
  const report: EventReport = { eventId: event.message_id, candidates: candidates.length, fired: 0, outcomes: {} };
  let failure: unknown;
  await forEachConcurrently(each(candidates), deps.concurrency, async (alarm: Alarm) => {
    const check = checkEventAlarm(alarm, event);
    if (check.outcome === 'error') {
      logger.warn('event alarm could not be checked', { alarm_id: alarm.alarm_id, event_id: event.message_id, problem: check.problem });
      return;
    }
    if (check.outcome !== 'fire') return;
    report.fired++;
    try {
      const outcome = await refreshAlarm(deps, alarm, check.decision, { alwaysRecord: alarm.repeat_actions });
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      if (outcome === 'transitioned' || outcome === 'queued-later') {
        // The store bumped the version by one: the cache must hold what the next write will expect.
        deps.cache.replace({ ...alarm, state: check.decision.state, state_reason: check.decision.reason, version: alarm.version + 1 });
      } else if (outcome === 'lost-race' || outcome === 'deleted') {
        deps.cache.invalidate(event.project);
      }
    } catch (error) {
      logger.error('event alarm firing failed', { alarm_id: alarm.alarm_id, event_id: event.message_id, error: error as Error });
      failure = error;
    }
  });
  // After every candidate had its turn: the store failing is the one reason to have the event retried.
  if (failure) throw failure;
  return report;
}
