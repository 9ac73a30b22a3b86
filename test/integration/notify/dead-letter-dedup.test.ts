import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../infra/local/dynamodb-local.js';
import { ensureTransitionQueues, startSqsLocal } from '../../../infra/local/sqs-local.js';
import { SqsDeadLetterQueue } from '../../../shared/adapters/sqs/sqs-dead-letter-queue.js';

// The real SQS protocol on local-aws-sqs, which applies FIFO deduplication ids.
let sqsLocal: RunningEmulator;
let sqs: SQSClient;

beforeAll(async () => {
  sqsLocal = await startSqsLocal();
  sqs = new SQSClient({ endpoint: sqsLocal.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  sqs?.destroy();
  await sqsLocal?.stop();
});

async function lettersIn(queueUrl: string): Promise<number> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  return Messages.length;
}

describe('the dead-letter queue keeps every parking of a notification', () => {
  it('keeps one letter when the same receive is parked twice, and another when a replayed message fails again', async () => {
    const prefix = `dlq-${randomUUID().slice(0, 8)}`;
    const { deadLetterUrl } = await ensureTransitionQueues(sqs, { queue: `${prefix}-transitions`, deadLetter: `${prefix}-dead` });
    const dead = new SqsDeadLetterQueue({ client: sqs, queueUrl: deadLetterUrl });
    const letter = { body: '{"alarm_id": "a1"}', alarmId: 'a1', reason: 'http://receiver/x: HTTP 404' };

    await dead.send({ ...letter, sourceMessageId: 'first-receive' });
    await dead.send({ ...letter, sourceMessageId: 'first-receive' });
    // Replayed onto the transition queue, the message is delivered with a new id and fails the same way.
    await dead.send({ ...letter, sourceMessageId: 'replayed-receive' });

    expect(await lettersIn(deadLetterUrl)).toBe(2);
  });
});
