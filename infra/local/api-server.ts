import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { localContext } from './lambda-context.js';
import { answerClientError, GATEWAY_MAX_BODY, NODE_MAX_HEADER_SIZE, PAYLOAD_TOO_LARGE, refuseHead, refusalBody, type Refusal } from './gateway-limits.js';
import { listenOn } from './listen.js';

/** A verified token's claims, formatted the way API Gateway hands them to the function. */
export type GatewayClaims = Record<string, string | number | boolean | string[]>;

export type AuthorizerResult = { claims: GatewayClaims; scopes: string[] | null } | { status: 401; message: 'Unauthorized' };

/** What runs before the handler on every route, as API Gateway's JWT authorizer does (tests supply one). */
export type RouteAuthorizer = (authorizationHeader?: string) => Promise<AuthorizerResult>;

/**
 * A Lambda REQUEST authorizer with simple responses (functions/authorize): the front calls it
 * before the handler, as API Gateway does, and passes its context on as `authorizer.lambda`.
 */
export type LambdaAuthorizer = (event: { headers: Record<string, string | undefined> }) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

export type HttpApiHandler = (event: ApiGatewayEvent, context: Context) => Promise<APIGatewayProxyResultV2>;

/** The body, or undefined past the gateway's payload limit (read to the end either way, so the answer is not a reset). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(body: Buffer): boolean {
  try {
    STRICT_UTF8.decode(body);
    return true;
  } catch {
    return false;
  }
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, { 'content-type': 'application/json' }).end(refusalBody(refusal));
}

/** Builds the HTTP API (payload format 2.0) event API Gateway would send for this request. */
export function toHttpApiEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway tells the function the client's scheme; so does this local front.
  headers['x-forwarded-proto'] ??= 'http';
  const method = request.method ?? 'GET';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    // Bytes that are not UTF-8 text travel base64-encoded, as API Gateway sends binary payloads.
    ...(body.length > 0 ? { body: isUtf8(body) ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isUtf8(body),
  };
}

function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(result);
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers).end(body);
}

/**
 * Runs the configured authorizer as API Gateway does before invoking: a refusal is the
 * gateway's own response, and a verified token's claims ride in requestContext.authorizer.
 */
async function authorize(
  event: APIGatewayProxyEventV2,
  authorizer: RouteAuthorizer | undefined,
  lambdaAuthorizer: LambdaAuthorizer | undefined,
): Promise<{ event: ApiGatewayEvent } | { refusal: APIGatewayProxyStructuredResultV2 }> {
  if (lambdaAuthorizer) return lambdaAuthorized(event, lambdaAuthorizer);
  if (!authorizer) return { event };
  // OpenStack clients send the token as X-Auth-Token (`aodh --os-auth-type admin_token`), others as a bearer.
  const result = await authorizer(event.headers.authorization ?? event.headers['x-auth-token']);
  if ('status' in result) {
    const headers = { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' };
    return { refusal: { statusCode: result.status, headers, body: JSON.stringify({ message: result.message }) } };
  }
  const context = { ...event.requestContext, authorizer: { jwt: { claims: result.claims, scopes: result.scopes }, principalId: '', integrationLatency: 0 } };
  return { event: { ...event, requestContext: context } };
}

type ApiGatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;

/**
 * A refusal is API Gateway's bare 403. Unlike the gateway, a request without the identity source
 * still reaches the authorizer (and so gets the function's 401 with its challenge); in AWS the
 * gateway answers that one itself with `{"message":"Unauthorized"}`.
 */
async function lambdaAuthorized(event: APIGatewayProxyEventV2, authorizer: LambdaAuthorizer): Promise<{ event: ApiGatewayEvent } | { refusal: APIGatewayProxyStructuredResultV2 }> {
  const result = await authorizer({ headers: event.headers });
  if (!result.isAuthorized) return { refusal: { statusCode: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Forbidden' }) } };
  const context = { ...event.requestContext, authorizer: { lambda: result.context ?? {}, principalId: '', integrationLatency: 0 } };
  return { event: { ...event, requestContext: context } };
}

/** Serves a Lambda HTTP API handler over plain HTTP, the way API Gateway would invoke it. */
export async function startApiServer(options: {
  handler: HttpApiHandler;
  port: number;
  host?: string;
  /** API Gateway's JWT authorizer on every route; absent = routes open, as the noauth deployment. */
  authorizer?: RouteAuthorizer;
  /** A Lambda REQUEST authorizer instead (AUTH_MODE=keystone); takes precedence over `authorizer`. */
  lambdaAuthorizer?: LambdaAuthorizer;
  /** Serves a non-API request itself (the console's static files) and says so; absent = every path goes to the API. */
  serveStatic?: (request: IncomingMessage, response: ServerResponse) => boolean;
}): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const server = createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, (request, response) => {
    if (options.serveStatic?.(request, response)) return;
    void (async () => {
      const refusal = refuseHead(request);
      const body = await readBody(request);
      if (refusal) return refuse(response, refusal);
      if (body === undefined) return refuse(response, PAYLOAD_TOO_LARGE);
      const authorized = await authorize(toHttpApiEvent(request, body), options.authorizer, options.lambdaAuthorizer);
      if ('refusal' in authorized) {
        writeResult(response, authorized.refusal);
        return;
      }
      writeResult(response, await options.handler(authorized.event, localContext('aodh-api')));
    })().catch(() => {
      if (!response.headersSent) {
        const body = JSON.stringify({ error_message: { faultcode: 'Server', faultstring: 'Internal Server Error', debuginfo: null } });
        response.writeHead(500, { 'content-type': 'application/json' }).end(body);
      }
    });
  });
  server.on('clientError', answerClientError);
  const listening = await listenOn(server, options.port, options.host);
  return { url: listening.url, server, stop: listening.close };
}
