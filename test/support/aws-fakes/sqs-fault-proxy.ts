import { type FakeAwsServer, startFakeAwsServer } from './fake-aws-server.js';

/**
 * Sits between the real SQS client and a real SQS emulator (local-aws-sqs): forwards
 * every request unchanged unless a fault is scripted, in which case it answers in SQS's
 * AWS JSON 1.0 error format itself. That keeps the happy path on the emulator's real
 * protocol while still letting tests see throttling, 5xx and access-denied answers,
 * which no emulator produces on demand. Records each request's operation (X-Amz-Target).
 */
export interface SqsFaultProxy extends FakeAwsServer {
  /** Operation names (`SendMessage`, `GetQueueUrl`…) in the order the client sent them. */
  operations: string[];
}

const FORWARDED_HEADERS = ['content-type', 'x-amzn-requestid', 'x-amzn-query-error'];

export async function startSqsFaultProxy(target: string): Promise<SqsFaultProxy> {
  const operations: string[] = [];
  const server = await startFakeAwsServer('awsJson1_0', async ({ method, path, headers, body }) => {
    operations.push(String(headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, ''));
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length' && name !== 'connection') forwarded[name] = value;
    }
    const answer = await fetch(new URL(path, target), { method, headers: forwarded, body });
    const answerHeaders: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) answerHeaders[name] = value;
    }
    return { status: answer.status, body: await answer.text(), headers: answerHeaders };
  });
  return {
    ...server,
    operations,
    reset() {
      server.reset();
      operations.length = 0;
    },
  };
}
