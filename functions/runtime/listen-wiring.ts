import { randomUUID } from 'node:crypto';
import { DynamoAlarmStore } from '#shared/adapters/dynamodb/dynamo-alarm-store.js';
import { systemClock } from '#shared/domain/time.js';
import { CandidateCache } from '#shared/listener/candidate-cache.js';
import { EventOrder } from '#shared/listener/event-order.js';
import type { ListenerDeps } from '#shared/services/listener/evaluate-event-alarms.js';
import type { ListenerSettings } from './env.js';
import { documentClient, isEventType, isScheduledType, transitionQueue } from './wiring.js';

/** The listener's composition root: the store with its outbox, the transition queue, the candidate cache. */
export function buildListenerDeps(settings: ListenerSettings): ListenerDeps {
  return {
    store: new DynamoAlarmStore({ client: documentClient(), tables: settings.tables, historyTtlSeconds: settings.alarmHistoryTimeToLive, isScheduledType, isEventType }),
    queue: transitionQueue(settings),
    clock: systemClock,
    newId: randomUUID,
    serviceIdentity: settings.serviceIdentity,
    cache: new CandidateCache({ ttlSeconds: settings.eventAlarmCacheTtl, clock: systemClock }),
    order: new EventOrder(),
    concurrency: 20,
  };
}
