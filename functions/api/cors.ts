import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * oslo.middleware's CORS filter, which sits in front of Aodh's / and /v2 pipelines, with
 * Aodh's defaults (`set_cors_middleware_defaults`) plus the headers this deployment reads:
 * the noauth identity headers and `Authorization`, which the JWT authorizer reads.
 */
const ALLOW_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'];
const ALLOW_HEADERS = ['X-Auth-Token', 'X-Openstack-Request-Id', 'X-Subject-Token', 'Authorization', 'X-User-Id', 'X-Project-Id', 'X-Roles'];
/** oslo's simple headers, always permitted in a preflight. */
const SIMPLE_HEADERS = ['Accept', 'Accept-Language', 'Content-Type', 'Cache-Control', 'Content-Language', 'Expires', 'Last-Modified', 'Pragma'];
const EXPOSE_HEADERS = ['X-Auth-Token', 'X-Openstack-Request-Id', 'X-Subject-Token', 'Location'];
/** oslo's defaults: `max_age = 3600`, `allow_credentials = True`. */
const MAX_AGE = '3600';
const PERMITTED_HEADERS = new Set([...ALLOW_HEADERS, ...SIMPLE_HEADERS].map((name) => name.toUpperCase()));

type Headers = Readonly<Record<string, string | undefined>>;

/** The configured origin entry that admits `origin` (`*` admits any), if any. */
function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | undefined {
  if (origin === undefined) return undefined;
  if (allowed.includes(origin)) return origin;
  return allowed.includes('*') ? '*' : undefined;
}

/**
 * oslo answers every OPTIONS request itself (Aodh's app has no OPTIONS route): 200 with no
 * body and no content type, carrying the CORS headers only when the origin, the requested
 * method and every requested header are all permitted (CORS §6.2).
 */
export function preflightResponse(headers: Headers, allowedOrigins: readonly string[]): APIGatewayProxyStructuredResultV2 {
  const response: APIGatewayProxyStructuredResultV2 = { statusCode: 200, headers: {} };
  const origin = allowedOrigin(headers.origin, allowedOrigins);
  const method = headers['access-control-request-method'];
  if (origin === undefined || method === undefined || !ALLOW_METHODS.includes(method)) return response;
  const requested = (headers['access-control-request-headers'] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (requested.some((name) => !PERMITTED_HEADERS.has(name.toUpperCase()))) return response;
  response.headers = {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-max-age': MAX_AGE,
    'access-control-allow-methods': method,
    ...(requested.length > 0 ? { 'access-control-allow-headers': requested.join(',') } : {}),
  };
  return response;
}

/** CORS §6.1 on an actual response: the origin echoed, credentials allowed, headers exposed. */
export function withCorsHeaders(result: APIGatewayProxyStructuredResultV2, headers: Headers, allowedOrigins: readonly string[]): APIGatewayProxyStructuredResultV2 {
  const origin = allowedOrigin(headers.origin, allowedOrigins);
  if (origin === undefined) return result;
  const vary = result.headers?.vary;
  return {
    ...result,
    headers: {
      ...result.headers,
      vary: vary === undefined ? 'Origin' : `${String(vary)},Origin`,
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': EXPOSE_HEADERS.join(','),
    },
  };
}
