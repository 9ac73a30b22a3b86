import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '#shared/observability/logger.js';
import { evaluateEventAlarms, type EventReport, type ListenerDeps } from '#shared/services/listener/evaluate-event-alarms.js';

/**
 * The listen Lambda, the target of the EventBridge rule on the service's bus: one event per
 * invocation, invoked asynchronously. Invalid events resolve (logged, skipped); only
 * infrastructure failures throw, and Lambda's async retries then its on-failure destination
 * (the listener dead-letter queue) handle exactly those.
 */
export function createListenHandler(deps: ListenerDeps) {
  return middy<unknown, EventReport, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event) => evaluateEventAlarms(deps, event));
}
