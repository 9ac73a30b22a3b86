import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { EventBridgeEvent } from 'aws-lambda';
import { compilePattern } from './event-pattern.js';
import { listenOn } from './listen.js';

/**
 * The local event bus of `npm start`: one EventBridge bus with one rule, reachable by the real
 * clients (`@aws-sdk/client-eventbridge` with `endpoint`, `aws events put-events --endpoint-url`).
 * It speaks what they speak, AWS JSON 1.1: `POST /`, `Content-Type: application/x-amz-json-1.1`,
 * `X-Amz-Target: AWSEvents.PutEvents`, timestamps as epoch seconds; errors are
 * `{"__type": "<namespace>#<Code>", "message"}` with status 400. Only PutEvents is served; any
 * other operation gets UnknownOperationException, as AWS answers a target it does not know.
 * Signatures are not checked: the local bus has no credentials to check them against.
 */
export type EventBridgeEnvelope = EventBridgeEvent<string, Record<string, unknown>>;

export interface LocalEventBusOptions {
  port: number;
  host?: string;
  busName: string;
  /** The rule's event pattern (the CDK stack's, so local routing is the deployed routing). */
  pattern: object;
  /** The rule's target, invoked once per matching event without being awaited, like an async Lambda invoke. */
  deliver: (event: EventBridgeEnvelope) => Promise<void>;
  account?: string;
  region?: string;
}

type Entry = Record<string, unknown>;
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** EventBridge's limit on the entries of one PutEvents, counted as its user guide describes. */
const MAX_ENTRIES_BYTES = 256 * 1024;
/** Reading stops here: a body this big cannot hold entries within the limit above. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const TARGET = 'AWSEvents.PutEvents';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const validationError = (message: string) => new ApiError('com.amazon.coral.validate#ValidationException', message);
const serializationError = (message: string) => new ApiError('com.amazon.coral.service#SerializationException', message);
const entryError = (ErrorCode: string, ErrorMessage: string): EntryResult => ({ ErrorCode, ErrorMessage });
const utf8 = (text: unknown) => (typeof text === 'string' ? Buffer.byteLength(text) : 0);

/** Coral rejects a request whose members have the wrong JSON type before PutEvents sees it. */
function checkShape(entry: unknown, index: number): Entry {
  const fail = (member: string) => serializationError(`Unexpected value type for Entries[${index}].${member}`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail('');
  const record = entry as Entry;
  for (const member of ['Source', 'DetailType', 'Detail', 'EventBusName', 'TraceHeader']) {
    if (record[member] !== undefined && typeof record[member] !== 'string') throw fail(member);
  }
  if (record.Time !== undefined && (typeof record.Time !== 'number' || Number.isNaN(new Date(record.Time * 1000).getTime()))) throw fail('Time');
  if (record.Resources !== undefined && !(Array.isArray(record.Resources) && record.Resources.every((r) => typeof r === 'string'))) throw fail('Resources');
  return record;
}

/** An entry's size as the EventBridge user guide computes it ("Calculating PutEvents event entry size"). */
const entrySize = (entry: Entry) =>
  (entry.Time === undefined ? 0 : 14) + utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail) + ((entry.Resources as string[] | undefined) ?? []).reduce((sum, r) => sum + utf8(r), 0);

/** EventBridge stamps whole seconds: `2024-05-01T12:00:00Z`. */
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startLocalEventBus(options: LocalEventBusOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const matches = compilePattern(options.pattern); // throws now on a pattern the bus cannot honour
  const account = options.account ?? '000000000000';
  const region = options.region ?? 'us-east-1';
  const busArn = `arn:aws:events:${region}:${account}:event-bus/${options.busName}`;
  // The one local bus also stands in for `default`, so the shortest `aws events put-events` reaches it.
  const busNames = new Set([undefined, 'default', `arn:aws:events:${region}:${account}:event-bus/default`, options.busName, busArn]);
  const inFlight = new Set<Promise<void>>();

  const dispatch = (envelope: EventBridgeEnvelope) => {
    // Fire and forget: the target's failure is its own to log; PutEvents has already succeeded.
    const delivery = Promise.resolve()
      .then(() => options.deliver(envelope))
      .catch(() => undefined)
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  const putEntry = (entry: Entry): EntryResult => {
    for (const member of ['Source', 'DetailType', 'Detail']) {
      if (!entry[member]) return entryError('InvalidArgument', `Parameter ${member} is not valid. Reason: ${member} is a required argument.`);
    }
    let detail: unknown;
    try {
      detail = JSON.parse(String(entry.Detail));
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return entryError('MalformedDetail', 'Detail is malformed.');
    const source = String(entry.Source);
    if (source.startsWith('aws.')) return entryError('NotAuthorizedForSourceException', 'Not authorized for the source.');
    // AWS itself answers success for an unknown bus and drops the event (aws/aws-sdk#186); a
    // local typo deserves to be seen, so the entry fails the way DescribeEventBus would word it.
    const busName = entry.EventBusName as string | undefined;
    if (!busNames.has(busName)) return entryError('ResourceNotFoundException', `Event bus ${String(busName)} does not exist.`);
    const envelope: EventBridgeEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': String(entry.DetailType),
      source,
      account,
      time: isoSeconds(entry.Time === undefined ? new Date() : new Date(Number(entry.Time) * 1000)),
      region,
      resources: (entry.Resources as string[] | undefined) ?? [],
      detail: detail as Record<string, unknown>,
    };
    if (matches(envelope)) dispatch(envelope);
    return { EventId: envelope.id };
  };

  const putEvents = (text: string | undefined) => {
    if (text === undefined) throw validationError('Total size of the entries in the request is over the limit.');
    let body: unknown;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      throw serializationError('Request body is not valid JSON.');
    }
    const raw = typeof body === 'object' && body !== null ? (body as { Entries?: unknown }).Entries : undefined;
    if (raw === undefined || raw === null) throw validationError("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
    if (!Array.isArray(raw)) throw serializationError('Unexpected value type for Entries');
    if (raw.length < 1 || raw.length > 10) {
      const bound = raw.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10';
      throw validationError(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`);
    }
    const entries = raw.map(checkShape);
    if (entries.reduce((sum, entry) => sum + entrySize(entry), 0) > MAX_ENTRIES_BYTES) throw validationError('Total size of the entries in the request is over the limit.');
    const results = entries.map(putEntry);
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  };

  const send = (response: ServerResponse, status: number, body: unknown) => {
    if (response.headersSent || response.destroyed) return; // the client hung up mid-request
    const text = JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': randomUUID() });
    response.end(text);
  };

  const server = createServer((request, response) => {
    void readBody(request)
      .then((text) => {
        const target = request.headers['x-amz-target'];
        if (request.method !== 'POST' || target !== TARGET) throw new ApiError('com.amazon.coral.service#UnknownOperationException', `Unknown operation ${String(target)}`);
        send(response, 200, putEvents(text));
      })
      .catch((error: unknown) => {
        // Anything unforeseen is EventBridge's modelled 500, so the SDK classifies it as a server fault.
        const failure = error instanceof ApiError ? error : new ApiError('InternalException', String(error));
        send(response, failure.type === 'InternalException' ? 500 : 400, { __type: failure.type, message: failure.message });
      });
  });
  const listening = await listenOn(server, options.port, options.host);
  return {
    url: listening.url,
    // Deliveries already dispatched finish first, so shutdown never cuts a handler mid-write.
    stop: async () => {
      await listening.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}
