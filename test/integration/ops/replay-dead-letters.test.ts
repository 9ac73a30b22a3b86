import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type DeleteMessageBatchCommand, DeleteMessageBatchCommand as DeleteBatch, GetQueueAttributesCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../infra/local/dynamodb-local.js';
import { ensureTransitionQueues, startSqsLocal } from '../../../infra/local/sqs-local.js';
import { ReplayIncompleteError, replayDeadLetters } from '../../../infra/ops/replay-dead-letters.js';
import { SqsDeadLetterQueue } from '../../../shared/adapters/sqs/sqs-dead-letter-queue.js';

/** The replay against the real SQS emulator (local-aws-sqs, in-process), its queues as `npm start` makes them. */
let sqs: RunningEmulator;
let client: SQSClient;
const newClient = () => new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
beforeAll(async () => {
  sqs = await startSqsLocal();
  client = newClient();
});
afterAll(async () => {
  client.destroy();
  await sqs.stop();
});

async function queuesWithLetters(bodies: string[]) {
  const urls = await ensureTransitionQueues(client, { queue: `rp-${randomUUID().slice(0, 8)}`, deadLetter: `rp-dlq-${randomUUID().slice(0, 8)}` });
  const letters = new SqsDeadLetterQueue({ client, queueUrl: urls.deadLetterUrl });
  for (const [index, body] of bodies.entries()) await letters.send({ body, alarmId: `alarm-${index % 3}`, reason: 'permanent failure' });
  return urls;
}

async function drain(queueUrl: string): Promise<Message[]> {
  const received: Message[] = [];
  for (let empty = 0; empty < 2; ) {
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    received.push(...Messages);
    if (Messages.length === 0) empty += 1;
    else await client.send(new DeleteBatch({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
  }
  return received;
}

/** Visible plus in flight: a letter whose delete was lost is in flight, not gone. */
async function held(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/**
 * A client whose DeleteMessageBatch calls carry a bad receipt handle for their first entry
 * (`calls` times): the emulator then fails exactly that entry, as SQS does, in its real answer.
 */
function clientLosingDeletes(calls: number): SQSClient {
  const lossy = newClient();
  let left = calls;
  lossy.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as DeleteMessageBatchCommand['input'];
      if (context.commandName === 'DeleteMessageBatchCommand' && left > 0 && input.Entries?.[0]) {
        left -= 1;
        input.Entries[0] = { ...input.Entries[0], ReceiptHandle: 'not-a-receipt-handle' };
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return lossy;
}

describe('DLQ replay on local-aws-sqs', () => {
  it('replays ten 150 KB letters in batches within the size limit, each alarm’s in order, and empties the dead-letter queue', async () => {
    const bodies = Array.from({ length: 10 }, (_, index) => JSON.stringify({ n: index, pad: 'x'.repeat(150_000) }));
    const { queueUrl, deadLetterUrl } = await queuesWithLetters(bodies);

    const moved = await replayDeadLetters({ sqs: client, deadLetterQueueUrl: deadLetterUrl, transitionQueueUrl: queueUrl });

    expect(moved).toBe(10);
    const replayed = await drain(queueUrl);
    expect(replayed.map((message) => message.Body).sort()).toEqual([...bodies].sort());
    for (const group of ['alarm-0', 'alarm-1', 'alarm-2']) {
      const order = replayed.filter((message) => message.Attributes?.MessageGroupId === group).map((message) => (JSON.parse(message.Body ?? '{}') as { n: number }).n);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(await held(deadLetterUrl)).toBe(0);
  });

  it('re-tries a DeleteMessageBatch entry that failed, so the letter does not stay behind to be replayed again', async () => {
    const { queueUrl, deadLetterUrl } = await queuesWithLetters(['{"letter": 1}', '{"letter": 2}']);
    const lossy = clientLosingDeletes(1);

    const moved = await replayDeadLetters({ sqs: lossy, deadLetterQueueUrl: deadLetterUrl, transitionQueueUrl: queueUrl, deleteRetryDelaysMs: [1] });

    lossy.destroy();
    expect(moved).toBe(2);
    expect(await held(deadLetterUrl)).toBe(0);
    expect(await drain(queueUrl)).toHaveLength(2);
  });

  it('stops with an error when a delete keeps failing, and a replay of that letter soon after is delivered once', async () => {
    const { queueUrl, deadLetterUrl } = await queuesWithLetters(['{"letter": "stuck"}']);
    const lossy = clientLosingDeletes(10);

    const first = replayDeadLetters({ sqs: lossy, deadLetterQueueUrl: deadLetterUrl, transitionQueueUrl: queueUrl, visibilityTimeoutSeconds: 1, deleteRetryDelaysMs: [1, 1] });

    await expect(first).rejects.toThrow(ReplayIncompleteError);
    await expect(first).rejects.toMatchObject({ moved: 0, message: expect.stringMatching(/1 replayed letter\(s\) could not be deleted from the dead-letter queue \(ReceiptHandleIsInvalid/) });
    lossy.destroy();
    await delay(1_200); // the letter is visible in the dead-letter queue again
    expect(await replayDeadLetters({ sqs: client, deadLetterQueueUrl: deadLetterUrl, transitionQueueUrl: queueUrl })).toBe(1);
    expect(await held(deadLetterUrl)).toBe(0);
    expect((await drain(queueUrl)).map((message) => message.Body)).toEqual(['{"letter": "stuck"}']);
  });
});
