import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody, startHttpServer } from '../http-server.js';

/**
 * The common part of the local AWS fakes: an HTTP server the REAL SDK clients reach via
 * an endpoint override, a queue of scripted faults, and error answers in each wire
 * protocol's own format, so that the SDK's own deserialiser builds the error the notifier
 * classifies (name, $fault, $metadata.httpStatusCode, modelled fields such as Lambda's
 * retryAfterSeconds), exactly as it would for AWS.
 */
export type Protocol = 'awsQuery' | 'awsJson1_0' | 'awsJson1_1' | 'restJson1';

/** An error answer (`code` is the wire code: SNS `Throttled`, EventBridge `ThrottlingException`…). */
export interface ErrorFault {
  status: number;
  code: string;
  message?: string;
  headers?: Record<string, string>;
}
/** No answer for `hangMs` (the client's AbortSignal should fire first), or a dropped connection. */
export type Fault = ErrorFault | { hangMs: number } | { resetConnection: true };

export class AwsApiError extends Error {
  constructor(readonly fault: ErrorFault) {
    super(fault.message ?? fault.code);
  }
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The region the client signed for (the SigV4 credential scope). */
  region: string;
}

export interface FakeResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface FakeAwsServer {
  endpoint: string;
  /** Requests answered or failed, in order (faulted ones included). */
  requestCount(): number;
  /** The next requests get these faults, one each, instead of an answer. */
  failNext(...faults: Fault[]): void;
  reset(): void;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<Protocol, string> = {
  awsQuery: 'text/xml',
  awsJson1_0: 'application/x-amz-json-1.0',
  awsJson1_1: 'application/x-amz-json-1.1',
  restJson1: 'application/json',
};

/** Writes `fault` the way the protocol's AWS services do. */
export function errorResponse(protocol: Protocol, fault: ErrorFault): FakeResponse {
  const message = fault.message ?? fault.code;
  const headers = { 'Content-Type': CONTENT_TYPES[protocol], 'x-amzn-RequestId': randomUUID(), ...fault.headers };
  switch (protocol) {
    case 'awsQuery': {
      const type = fault.status >= 500 ? 'Receiver' : 'Sender';
      const body = `<ErrorResponse><Error><Type>${type}</Type><Code>${fault.code}</Code><Message>${xml(message)}</Message></Error><RequestId>${headers['x-amzn-RequestId']}</RequestId></ErrorResponse>`;
      return { status: fault.status, body, headers };
    }
    case 'restJson1':
      return { status: fault.status, body: JSON.stringify({ Type: fault.status >= 500 ? 'Service' : 'User', message }), headers: { ...headers, 'x-amzn-ErrorType': fault.code } };
    default:
      return { status: fault.status, body: JSON.stringify({ __type: fault.code, message }), headers };
  }
}

export const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SigV4 scope's region: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
const signedRegion = (headers: IncomingHttpHeaders): string => /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1] ?? '';

export async function startFakeAwsServer(protocol: Protocol, handle: (request: FakeRequest) => FakeResponse | Promise<FakeResponse>): Promise<FakeAwsServer> {
  let faults: Fault[] = [];
  let count = 0;
  const open = new Set<ServerResponse>();
  const write = (response: ServerResponse, answer: FakeResponse) => {
    response.writeHead(answer.status, { 'Content-Length': Buffer.byteLength(answer.body), ...answer.headers });
    response.end(answer.body);
  };
  const server = await startHttpServer(async (request, response) => {
    const body = await readBody(request);
    count += 1;
    const fault = faults.shift();
    if (fault !== undefined && 'hangMs' in fault) {
      open.add(response);
      setTimeout(() => open.delete(response) && !response.writableEnded && response.destroy(), fault.hangMs).unref();
      return;
    }
    if (fault !== undefined && 'resetConnection' in fault) return void request.socket.destroy();
    if (fault !== undefined) return write(response, errorResponse(protocol, fault));
    const fakeRequest = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body, region: signedRegion(request.headers) };
    try {
      write(response, await handle(fakeRequest));
    } catch (error) {
      if (!(error instanceof AwsApiError)) {
        // A bug in the fake: fail loudly (vitest reports the unhandled error) rather than answer something classifiable.
        response.destroy();
        throw error;
      }
      write(response, errorResponse(protocol, error.fault));
    }
  });
  return {
    endpoint: server.url,
    requestCount: () => count,
    failNext: (...next) => void faults.push(...next),
    reset() {
      faults = [];
      count = 0;
    },
    async stop() {
      for (const response of open) response.destroy();
      await server.close();
    },
  };
}
