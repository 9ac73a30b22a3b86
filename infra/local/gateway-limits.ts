import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * API Gateway HTTP API quotas that decide what reaches the function ("Quotas for configuring
 * and running an HTTP API"): the request line and header values together at most 10,240
 * bytes, the payload at most 10 MB, and the methods of an `ANY` route. The local front refuses
 * the same requests, with Aodh's error envelope (in AWS the gateway answers them itself).
 */
export const GATEWAY_MAX_REQUEST_LINE_AND_HEADERS = 10_240;
export const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
export const GATEWAY_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Node's own parser limit: far above the gateway's, so that this front, not Node, refuses. */
export const NODE_MAX_HEADER_SIZE = 2 * 1024 * 1024;

export interface Refusal {
  status: number;
  reason: string;
  faultstring: string;
}

export function refusalBody(refusal: Refusal): string {
  return JSON.stringify({ error_message: { faultcode: 'Client', faultstring: refusal.faultstring, debuginfo: null } });
}

/** What the gateway refuses before the body is read, if anything. */
export function refuseHead(request: IncomingMessage): Refusal | undefined {
  const method = request.method ?? '';
  if (!GATEWAY_METHODS.has(method)) return { status: 400, reason: 'Bad Request', faultstring: `Unsupported HTTP method ${method}` };
  const requestLine = Buffer.byteLength(`${method} ${request.url ?? '/'} HTTP/${request.httpVersion}`);
  if (requestLine > GATEWAY_MAX_REQUEST_LINE_AND_HEADERS) {
    return { status: 414, reason: 'URI Too Long', faultstring: `Request line of ${requestLine} bytes is longer than the limit of ${GATEWAY_MAX_REQUEST_LINE_AND_HEADERS} bytes` };
  }
  let size = requestLine;
  for (let i = 1; i < request.rawHeaders.length; i += 2) size += Buffer.byteLength(request.rawHeaders[i] ?? '');
  if (size > GATEWAY_MAX_REQUEST_LINE_AND_HEADERS) {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      faultstring: `Request line and header values of ${size} bytes are larger than the limit of ${GATEWAY_MAX_REQUEST_LINE_AND_HEADERS} bytes`,
    };
  }
  return undefined;
}

export const PAYLOAD_TOO_LARGE: Refusal = {
  status: 413,
  reason: 'Payload Too Large',
  faultstring: `Request body is larger than the limit of ${GATEWAY_MAX_BODY} bytes`,
};

/**
 * What Node's parser cannot read at all (an unknown method, a head over 2 MiB, garbage): a
 * 4xx with the envelope written on the socket, instead of Node's bare status or a reset.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return;
  const refusal: Refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? { status: 431, reason: 'Request Header Fields Too Large', faultstring: `Request line and header values are larger than the limit of ${GATEWAY_MAX_REQUEST_LINE_AND_HEADERS} bytes` }
      : error.code === 'HPE_INVALID_METHOD'
        ? { status: 400, reason: 'Bad Request', faultstring: 'Unsupported HTTP method' }
        : { status: 400, reason: 'Bad Request', faultstring: 'Malformed HTTP request' };
  const body = refusalBody(refusal);
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
