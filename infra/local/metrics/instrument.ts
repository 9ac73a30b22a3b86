import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ServiceMetrics } from '#shared/ports/service-metrics.js';
import { routeTemplate } from './route-template.js';

/*
 * Metrics are taken around the very Lambda handlers `npm start` runs, from their inputs and
 * results, so the functions (and the domain code under them) stay free of any metrics code.
 */

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

export function instrumentApi<E extends APIGatewayProxyEventV2>(handler: Handler<E, APIGatewayProxyResultV2>, metrics: ServiceMetrics): Handler<E, APIGatewayProxyResultV2> {
  return async (event, context) => {
    const route = routeTemplate(event.rawPath);
    try {
      const result = await handler(event, context);
      metrics.apiRequest(event.requestContext.http.method, route, typeof result === 'string' ? 200 : (result.statusCode ?? 200));
      return result;
    } catch (error) {
      metrics.apiRequest(event.requestContext.http.method, route, 500);
      throw error;
    }
  };
}

interface RoundResult {
  evaluated?: number;
  failed?: number;
}

export function instrumentEvaluate<E, R>(handler: Handler<E, R>, metrics: ServiceMetrics): Handler<E, R> {
  return async (event, context) => {
    const started = performance.now();
    const result = await handler(event, context);
    const round = (result ?? {}) as RoundResult;
    metrics.evaluationRound({ evaluated: round.evaluated ?? 0, failed: round.failed ?? 0, seconds: (performance.now() - started) / 1000 });
    return result;
  };
}

/** The new state of a queued state change; undefined for a repeat notification or an unreadable body. */
function newState(body: string): string | undefined {
  try {
    const message = JSON.parse(body) as { previous?: unknown; current?: unknown };
    return typeof message.current === 'string' && message.current !== message.previous ? message.current : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A record the handler reports back is `retried`; a finished one is `sent`, or `failed` when it
 * finished on its last receive (the handler dead-letters a still-failing message then).
 * Transitions are counted here on their first receive: those with actions, which are the ones queued.
 */
export function instrumentNotify(handler: Handler<SQSEvent, SQSBatchResponse>, metrics: ServiceMetrics, maxReceiveCount: number): Handler<SQSEvent, SQSBatchResponse> {
  return async (event, context) => {
    const response = await handler(event, context);
    const returned = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      const receives = Number(record.attributes.ApproximateReceiveCount ?? '1');
      const state = receives === 1 ? newState(record.body) : undefined;
      if (state) metrics.transition(state);
      if (returned.has(record.messageId)) metrics.notification('retried');
      else if (receives > 1 && receives >= maxReceiveCount) metrics.notification('failed');
      else metrics.notification('sent', (Date.now() - Number(record.attributes.SentTimestamp)) / 1000);
    }
    return response;
  };
}
