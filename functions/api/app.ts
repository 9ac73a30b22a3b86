import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AuthenticationRequiredError } from '#shared/errors.js';
import { logger } from '#shared/observability/logger.js';
import { pyJsonDumps } from '#shared/python/repr.js';
import { preflightResponse, withCorsHeaders } from './cors.js';
import type { ApiDeps } from './deps.js';
import { errorEnvelope, errorResponse } from './http-errors.js';
import { methodNotAllowedMessage } from './method-not-allowed.js';
import { lowerCaseHeaders, toApiRequest, type ApiEvent } from './request.js';
import { createRouter, type ApiResult } from './router.js';
import { routes } from './routes/index.js';

const match = createRouter(routes);

/** Bodies are written as Python's json.dumps writes them (`", "`, `": "`, ASCII only), as Aodh's are. */
function shape(result: ApiResult, requestId: string, path: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...result.headers };
  // oslo's request-id middleware sits on the /v2 pipeline only (§6.1).
  if (path.startsWith('/v2')) headers['x-openstack-request-id'] = requestId;
  if (result.body === undefined) return { statusCode: result.statusCode, headers };
  const text = typeof result.body === 'string' && result.headers?.['content-type'] !== undefined ? result.body : pyJsonDumps(result.body);
  return { statusCode: result.statusCode, headers: { 'content-type': 'application/json', ...headers }, body: text };
}

async function dispatch(event: ApiEvent, deps: ApiDeps, requestId: string): Promise<ApiResult> {
  const method = event.requestContext.http.method.toUpperCase();
  const route = match(method, event.rawPath);
  if (route.kind === 'not-found') return { statusCode: 404, body: errorEnvelope(404, 'The resource could not be found.') };
  if (route.kind === 'method-not-allowed') {
    const accept = lowerCaseHeaders(event.headers).accept;
    return { statusCode: 405, body: { error_message: methodNotAllowedMessage(method, accept) }, headers: { allow: route.allow.join(', ') } };
  }
  try {
    const request = toApiRequest(event, { identity: deps.identity, maxBodyBytes: deps.maxBodyBytes, pathParams: route.pathParams });
    return await route.handler(request, deps);
  } catch (error) {
    const { statusCode, body, expected } = errorResponse(error);
    if (expected) logger.info('request refused', { request_id: requestId, status: statusCode, reason: body.error_message.faultstring });
    else logger.error('request failed', { request_id: requestId, error: error as Error });
    // keystonemiddleware names the identity service on every 401 it gives, so clients know where to sign in.
    if (error instanceof AuthenticationRequiredError && deps.authenticateChallenge) return { statusCode, body, headers: { 'www-authenticate': deps.authenticateChallenge } };
    return { statusCode, body };
  }
}

/**
 * The v2 API as one Lambda handler (HTTP API payload 2.0). The local runner serves the
 * same handler over node:http, so `npm start` and AWS share every line of it.
 */
export function createApiHandler(deps: ApiDeps) {
  const handler = middy<ApiEvent, APIGatewayProxyResultV2, Error, Context>().use(injectLambdaContext(logger, { resetKeys: true }));
  return handler.handler(async (event) => {
    const headers = lowerCaseHeaders(event.headers);
    // oslo's CORS filter answers every OPTIONS in front of Aodh, whatever the origin (§6.1).
    if (event.requestContext.http.method.toUpperCase() === 'OPTIONS') return preflightResponse(headers, deps.corsAllowedOrigins);
    const requestId = `req-${randomUUID()}`;
    logger.appendKeys({ request_id: requestId });
    const response = shape(await dispatch(event, deps, requestId), requestId, event.rawPath);
    return withCorsHeaders(response, headers, deps.corsAllowedOrigins);
  });
}
