import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '#shared/observability/logger.js';
import type { ApiDeps } from './deps.js';
import { errorEnvelope, errorResponse } from './http-errors.js';
import { toApiRequest, type ApiEvent } from './request.js';
import { createRouter, type ApiResult } from './router.js';
import { routes } from './routes/index.js';

const match = createRouter(routes);

function shape(result: ApiResult, requestId: string, path: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...result.headers };
  // oslo's request-id middleware sits on the /v2 pipeline only (§6.1).
  if (path.startsWith('/v2')) headers['x-openstack-request-id'] = requestId;
  if (result.body === undefined) return { statusCode: result.statusCode, headers };
  const text = headers['content-type']?.startsWith('text/plain') ? String(result.body) : JSON.stringify(result.body);
  return { statusCode: result.statusCode, headers: { 'content-type': 'application/json', ...headers }, body: text };
}

async function dispatch(event: ApiEvent, deps: ApiDeps, requestId: string): Promise<ApiResult> {
  const route = match(event.requestContext.http.method.toUpperCase(), event.rawPath);
  if (route.kind === 'not-found') return { statusCode: 404, body: errorEnvelope(404, 'The resource could not be found.') };
  if (route.kind === 'method-not-allowed') {
    return {
      statusCode: 405,
      body: errorEnvelope(405, 'The method specified is not allowed for this resource.'),
      headers: { allow: route.allow.join(', ') },
    };
  }
  const request = toApiRequest(event, { identity: deps.identity, maxBodyBytes: deps.maxBodyBytes, pathParams: route.pathParams });
  try {
    return await route.handler(request, deps);
  } catch (error) {
    const { statusCode, body, expected } = errorResponse(error);
    if (expected) logger.info('request refused', { request_id: requestId, status: statusCode, reason: body.error_message.faultstring });
    else logger.error('request failed', { request_id: requestId, error: error as Error });
    return { statusCode, body };
  }
}

/**
 * The v2 API as one Lambda handler (HTTP API payload 2.0). The local runner serves the
 * same handler over node:http, so `npm start` and AWS share every line of it.
 */
export function createApiHandler(deps: ApiDeps) {
  const handler = middy<ApiEvent, APIGatewayProxyResultV2, Error, Context>().use(injectLambdaContext(logger, { resetKeys: true }));
  // No configured origin means no CORS headers at all, as Aodh's oslo CORS middleware does.
  if (deps.corsAllowedOrigins.length > 0) {
    handler.use(
      httpCors({
        origins: deps.corsAllowedOrigins,
        disableBeforePreflightResponse: false,
        methods: 'GET, POST, PUT, DELETE, OPTIONS',
        headers: 'Content-Type, X-Auth-Token, X-User-Id, X-Project-Id, X-Roles, X-OpenStack-Request-Id',
        exposeHeaders: 'X-OpenStack-Request-Id, Location',
        maxAge: 3600,
      }),
    );
  }
  return handler.handler(async (event) => {
    const requestId = `req-${randomUUID()}`;
    logger.appendKeys({ request_id: requestId });
    return shape(await dispatch(event, deps, requestId), requestId, event.rawPath);
  });
}
