import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import type { Identity } from '#shared/domain/identity.js';
import { AuthenticationRequiredError, InvalidInputError, UnsupportedMediaTypeError } from '#shared/errors.js';
import type { IdentityResolver } from '#shared/ports/identity-resolver.js';
import type { QueryParams } from '#shared/query/simple-query.js';

export type ApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;

/** What a route sees of an HTTP API (payload 2.0) event. */
export interface ApiRequest {
  method: string;
  path: string;
  pathParams: Readonly<Record<string, string>>;
  /** Every query key with all its values: API Gateway comma-joins repeats, so this reads rawQueryString. */
  query: QueryParams;
  headers: Readonly<Record<string, string | undefined>>;
  /** `<scheme>://<host>` as the client addressed us, for Location and version links. */
  baseUrl: string;
  /** Parsed JSON body; throws InvalidInputError for malformed or oversized bodies. */
  body(): unknown;
  /** The caller; throws AuthenticationRequiredError when the request carries no identity. */
  identity(): Identity;
}

/** Strict: invalid UTF-8 is an error, not U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseQueryString(raw: string): QueryParams {
  // No prototype: a query key like `__proto__` must be just a key.
  const params: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of new URLSearchParams(raw)) (params[key] ??= []).push(value);
  return params;
}

export function lowerCaseHeaders(headers: Readonly<Record<string, string | undefined>> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/** What the gateway's authorizer verified: a JWT authorizer's claims, or a Lambda authorizer's context. */
function authorizerClaims(event: ApiEvent): Readonly<Record<string, unknown>> | undefined {
  if (!('authorizer' in event.requestContext)) return undefined;
  const authorizer = event.requestContext.authorizer as { jwt?: { claims?: Record<string, unknown> }; lambda?: Record<string, unknown> } | undefined;
  return authorizer?.jwt?.claims ?? authorizer?.lambda;
}

export function toApiRequest(
  event: ApiEvent,
  options: { identity: IdentityResolver; maxBodyBytes: number; pathParams?: Record<string, string> },
): ApiRequest {
  const headers = lowerCaseHeaders(event.headers);
  const host = headers['x-forwarded-host'] ?? headers.host ?? event.requestContext.domainName;
  const scheme = headers['x-forwarded-proto'] ?? 'https';
  const claims = authorizerClaims(event);
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    pathParams: options.pathParams ?? {},
    query: parseQueryString(event.rawQueryString ?? ''),
    headers,
    baseUrl: `${scheme}://${host}`,
    body() {
      const contentType = (headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
      // WSME reads JSON (or XML) bodies only; a form is no JSON document, whatever its bytes.
      if (contentType.startsWith('multipart/') || contentType === 'application/x-www-form-urlencoded') {
        throw new UnsupportedMediaTypeError(`Unknown mimetype: ${contentType}`);
      }
      const bytes = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      if (bytes.length > options.maxBodyBytes) {
        throw new InvalidInputError(`Request body is larger than the limit of ${options.maxBodyBytes} bytes`, 'body');
      }
      let text: string;
      try {
        text = UTF8.decode(bytes);
      } catch {
        // Python's json.loads raises UnicodeDecodeError, a ValueError: WSME's invalid-JSON answer.
        throw new InvalidInputError('Request is not in valid JSON format', 'body');
      }
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new InvalidInputError('Request is not in valid JSON format', 'body');
      }
    },
    identity() {
      const identity = options.identity.resolve({ headers, ...(claims ? { claims } : {}) });
      if (!identity) throw new AuthenticationRequiredError('The request you have made requires authentication.');
      return identity;
    },
  };
}
