import { randomUUID } from 'node:crypto';
import { AwsApiError, type FakeAwsServer, startFakeAwsServer } from './fake-aws-server.js';

/**
 * A local EventBridge speaking what @aws-sdk/client-eventbridge 3.1169 speaks: AWS JSON 1.1
 * (`POST /`, `X-Amz-Target: AWSEvents.PutEvents`). PutEvents answers 200 and reports
 * failures per entry, as AWS does: an unknown bus, a missing Source/DetailType/Detail, a
 * Detail that is not a JSON object, a reserved `aws.` source. `failNextEntry` scripts an
 * entry failure (ThrottlingException, InternalFailure…) on an otherwise good request.
 */
export interface PutEvent {
  eventBusName: string;
  source: string;
  detailType: string;
  detail: unknown;
  region: string;
}

export interface EventsFake extends FakeAwsServer {
  /** Creates the bus `arn:<partition>:events:<region>:<account>:event-bus/<name>`. */
  createEventBus(arn: string): void;
  failNextEntry(errorCode: string, errorMessage?: string): void;
  events: PutEvent[];
}

type Entry = Record<string, unknown>;
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const DEFAULT_ACCOUNT = '123456789012';

export async function startEventsFake(): Promise<EventsFake> {
  const buses = new Set<string>();
  const events: PutEvent[] = [];
  let entryFaults: Array<{ ErrorCode: string; ErrorMessage: string }> = [];

  const putEntry = (entry: Entry, region: string): EntryResult => {
    const scripted = entryFaults.shift();
    if (scripted !== undefined) return scripted;
    const name = typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default';
    // A bare name means the caller's own account and the endpoint's region.
    const arn = name.startsWith('arn:') ? name : `arn:aws:events:${region}:${DEFAULT_ACCOUNT}:event-bus/${name}`;
    if (!buses.has(arn) || arn.split(':')[3] !== region) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${name} does not exist.` };
    for (const field of ['Source', 'DetailType', 'Detail']) {
      if (typeof entry[field] !== 'string') return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
    const source = String(entry.Source);
    if (source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: `Not authorized for the source.` };
    let detail: unknown;
    try {
      detail = JSON.parse(String(entry.Detail));
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    events.push({ eventBusName: name, source, detailType: String(entry.DetailType), detail, region });
    return { EventId: randomUUID() };
  };

  const server = await startFakeAwsServer('awsJson1_1', ({ headers, body, region }) => {
    if (headers['x-amz-target'] !== 'AWSEvents.PutEvents') throw new AwsApiError({ status: 400, code: 'UnknownOperationException', message: `Unknown operation ${headers['x-amz-target']}` });
    const entries = (JSON.parse(body) as { Entries?: Entry[] }).Entries ?? [];
    if (entries.length < 1 || entries.length > 10) throw new AwsApiError({ status: 400, code: 'ValidationException', message: 'Entries must have 1 to 10 members' });
    const results = entries.map((entry) => putEntry(entry, region));
    const failed = results.filter((result) => 'ErrorCode' in result).length;
    return { status: 200, body: JSON.stringify({ FailedEntryCount: failed, Entries: results }), headers: { 'Content-Type': 'application/x-amz-json-1.1' } };
  });

  return {
    ...server,
    events,
    createEventBus: (arn) => void buses.add(arn),
    failNextEntry: (ErrorCode, ErrorMessage = ErrorCode) => void entryFaults.push({ ErrorCode, ErrorMessage }),
    reset() {
      server.reset();
      buses.clear();
      events.length = 0;
      entryFaults = [];
    },
  };
}
