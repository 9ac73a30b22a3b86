import { randomUUID } from 'node:crypto';
import { AwsApiError, type FakeAwsServer, startFakeAwsServer } from './fake-aws-server.js';

/**
 * A local Lambda Invoke endpoint speaking what @aws-sdk/client-lambda 3.1164 speaks:
 * restJson1 (`POST /2015-03-31/functions/<FunctionName>/invocations`, the invocation
 * type in `X-Amz-Invocation-Type`, the raw payload as body; errors named by the
 * `x-amzn-ErrorType` header). moto's Invoke needs Docker, which CI does not have.
 * An `Event` invocation is queued (202, empty body) and recorded; the function never runs.
 */
export interface Invocation {
  /** The FunctionName path parameter, decoded (name, ARN, with or without qualifier). */
  functionName: string;
  invocationType: string;
  payload: unknown;
  region: string;
}

export interface LambdaFake extends FakeAwsServer {
  /** Creates the function (its unqualified ARN) with these aliases/versions, plus $LATEST. */
  createFunction(arn: string, qualifiers?: string[]): void;
  invocations: Invocation[];
}

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations(\?.*)?$/;
const FUNCTION_ARN = /^(arn:aws[a-z-]*:lambda:([a-z0-9-]+):[0-9]{12}:function:[A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;

export async function startLambdaFake(): Promise<LambdaFake> {
  const functions = new Map<string, Set<string>>();
  const invocations: Invocation[] = [];

  const server = await startFakeAwsServer('restJson1', ({ method, path, headers, body, region }) => {
    const match = PATH.exec(path);
    if (method !== 'POST' || !match) throw new AwsApiError({ status: 404, code: 'UnknownOperationException', message: `No route for ${method} ${path}` });
    const functionName = decodeURIComponent(match[1] ?? '');
    const arn = FUNCTION_ARN.exec(functionName);
    // Only ARNs here: the notifier always sends one, and a bare name would hide a wrong account.
    if (!arn) throw new AwsApiError({ status: 400, code: 'InvalidParameterValueException', message: `Invalid FunctionName ${functionName}` });
    const [, unqualified = '', fnRegion, qualifier] = arn;
    const qualifiers = functions.get(unqualified);
    if (fnRegion !== region || qualifiers === undefined || (qualifier !== undefined && !qualifiers.has(qualifier))) {
      throw new AwsApiError({ status: 404, code: 'ResourceNotFoundException', message: `Function not found: ${functionName}` });
    }
    const invocationType = String(headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (invocationType !== 'Event') throw new AwsApiError({ status: 400, code: 'InvalidParameterValueException', message: 'This fake only queues Event invocations' });
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      throw new AwsApiError({ status: 400, code: 'InvalidRequestContentException', message: 'Could not parse request body into json' });
    }
    invocations.push({ functionName, invocationType, payload, region });
    return { status: 202, body: '', headers: { 'x-amzn-RequestId': randomUUID() } };
  });

  return {
    ...server,
    invocations,
    createFunction: (arn, qualifiers = []) => void functions.set(arn, new Set(['$LATEST', ...qualifiers])),
    reset() {
      server.reset();
      functions.clear();
      invocations.length = 0;
    },
  };
}
