import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SendMessageBatchCommand,
  type SendMessageCommand,
  type SendMessageBatchCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../infra/local/free-port.js';
import type { RunningEmulator } from '../../../infra/local/dynamodb-local.js';
import { ensureTransitionQueues, startSqsLocal } from '../../../infra/local/sqs-local.js';
import { MemoryTransitionQueue } from '../../../shared/adapters/memory/memory-transition-queue.js';
import { MemoryDeadLetterQueue } from '../../../shared/adapters/memory/memory-dead-letter-queue.js';
import { FAILURE_REASON_ATTRIBUTE, SqsDeadLetterQueue } from '../../../shared/adapters/sqs/sqs-dead-letter-queue.js';
import { SqsTransitionQueue } from '../../../shared/adapters/sqs/sqs-transition-queue.js';
import type { DeadLetter } from '../../../shared/ports/dead-letter-queue.js';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { TransitionQueueUnavailableError } from '../../../shared/errors.js';
import { makeTransition, transitionQueueContract } from './transition-queue.contract.js';

const sqsClient = (endpoint: string, maxAttempts?: number) =>
  new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts });

let sqs: RunningEmulator;
let client: SQSClient;
beforeAll(async () => {
  sqs = await startSqsLocal();
  client = sqsClient(sqs.endpoint);
});
afterAll(async () => {
  client.destroy();
  await sqs.stop();
});

const freshQueues = () => ensureTransitionQueues(client, { queue: `tq-${randomUUID().slice(0, 8)}`, deadLetter: `tq-dlq-${randomUUID().slice(0, 8)}` });

/** Short polls (local-aws-sqs never ends a long poll early) and deletes what it got, like the notifier. */
async function receiveRaw(queueUrl: string, expected: number): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + 5_000;
  // One extra round after reaching `expected`, so that duplicates would be seen too.
  for (let extra = 0; extra < 2 && Date.now() < deadline; ) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        // Both names: the emulators only honour the deprecated AttributeNames (toolchain.md §3).
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    received.push(...Messages);
    if (Messages.length > 0) {
      const Entries = Messages.map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle }));
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    } else if (received.length < expected) await delay(50);
    if (received.length >= expected && Messages.length === 0) extra += 1;
  }
  return received;
}

const parse = (message: Message) => JSON.parse(message.Body ?? 'null') as TransitionMessage;

/** A dead letter as the notifier's SqsDeadLetterQueue wrote it: body, group and reason attribute. */
const letterOf = (message: Message): DeadLetter => ({
  body: message.Body ?? '',
  alarmId: message.Attributes?.MessageGroupId ?? '',
  reason: message.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue ?? '',
});

function sqsQueue(sqs: SQSClient, queueUrl: string, deadLetterUrl: string, retryDelaysMs?: number[]): SqsTransitionQueue {
  return new SqsTransitionQueue({ client: sqs, queueUrl, deadLetters: new SqsDeadLetterQueue({ client: sqs, queueUrl: deadLetterUrl }), ...(retryDelaysMs ? { retryDelaysMs } : {}) });
}

transitionQueueContract('memory', {
  make: async () => {
    const parked = new MemoryDeadLetterQueue();
    const queue = new MemoryTransitionQueue({ deadLetters: parked });
    return { queue, receive: async () => queue.drain(), deadLetters: async () => parked.received() };
  },
  makeUnavailable: async () => {
    const queue = new MemoryTransitionQueue();
    queue.failNext();
    return queue;
  },
});

transitionQueueContract('sqs (local-aws-sqs)', {
  make: async () => {
    const { queueUrl, deadLetterUrl } = await freshQueues();
    return {
      queue: sqsQueue(client, queueUrl, deadLetterUrl),
      receive: async (n) => (await receiveRaw(queueUrl, n)).map(parse),
      deadLetters: async (n) => (await receiveRaw(deadLetterUrl, n)).map(letterOf),
    };
  },
  makeUnavailable: async () => {
    // Nothing listens there; maxAttempts 1 so the SDK's own retries do not slow the test down.
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    return sqsQueue(sqsClient(endpoint, 1), `${endpoint}/123456789012/gone.fifo`, `${endpoint}/123456789012/gone-dlq.fifo`);
  },
});

describe('SqsTransitionQueue on the wire', () => {
  it('sends JSON bodies grouped by alarm_id and deduplicated by transition_id', async () => {
    const { queueUrl, deadLetterUrl } = await freshQueues();
    const message = makeTransition('alarm-w', { reason: 'bad chars \uFFFF\uFFFE survive' });

    await sqsQueue(client, queueUrl, deadLetterUrl).send([message]);

    const [received] = await receiveRaw(queueUrl, 1);
    expect(parse(received ?? {})).toEqual(message);
    expect(received?.Attributes).toMatchObject({ MessageGroupId: 'alarm-w', MessageDeduplicationId: message.transition_id });
  });

  it('splits batches at 256 KiB as well as at 10 entries', async () => {
    const { queueUrl, deadLetterUrl } = await freshQueues();
    const counting = sqsClient(sqs.endpoint);
    const batches: number[] = [];
    counting.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'SendMessageBatchCommand') batches.push((args.input as SendMessageBatchCommand['input']).Entries?.length ?? 0);
        return next(args);
      },
      { step: 'initialize' },
    );
    const big = Array.from({ length: 5 }, () => makeTransition('alarm-big', { reason_data: { blob: 'x'.repeat(100 * 1024) } }));

    await sqsQueue(counting, queueUrl, deadLetterUrl).send([...big, ...Array.from({ length: 12 }, () => makeTransition('alarm-s'))]);

    counting.destroy();
    expect(batches).toEqual([2, 2, 10, 3]);
    expect((await receiveRaw(queueUrl, 17)).map(parse).filter((m) => m.alarm_id === 'alarm-big')).toEqual(big);
  });

  it('creates the FIFO queue and its DLQ idempotently, with the spec’s settings', async () => {
    const names = { queue: `tq-${randomUUID().slice(0, 8)}`, deadLetter: `tq-dlq-${randomUUID().slice(0, 8)}` };

    const first = await ensureTransitionQueues(client, names);
    const again = await ensureTransitionQueues(client, names);

    expect(again).toEqual(first);
    expect(first.queueUrl).toMatch(new RegExp(`/${names.queue}\\.fifo$`));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: first.queueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'false', VisibilityTimeout: '60' });
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: first.deadLetterArn, maxReceiveCount: 5 });
  });
});

/** Scripted SendMessageBatch answers: local-aws-sqs never fails individual batch entries. */
function scriptedClient(failIds: (call: number, ids: string[]) => { id: string; senderFault?: boolean }[]) {
  const calls: number[] = [];
  const letters: string[] = [];
  const send = async (command: SendMessageBatchCommand | SendMessageCommand): Promise<Partial<SendMessageBatchCommandOutput>> => {
    // The dead-letter queue's SendMessage: recorded, accepted.
    if (!('Entries' in command.input)) {
      letters.push(String(command.input.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue));
      return {};
    }
    const ids = (command.input.Entries ?? []).map((entry) => entry.Id ?? '');
    calls.push(ids.length);
    const failed = failIds(calls.length, ids);
    return {
      Successful: ids.filter((id) => !failed.some((f) => f.id === id)).map((Id) => ({ Id, MessageId: Id, MD5OfMessageBody: '' })),
      Failed: failed.map((f) => ({ Id: f.id, SenderFault: f.senderFault ?? false, Code: f.senderFault ? 'InvalidParameterValue' : 'InternalError' })),
    };
  };
  return { calls, letters, client: { send } as unknown as SQSClient };
}

describe('SqsTransitionQueue partial batch failures', () => {
  const many = (n: number) => Array.from({ length: n }, () => makeTransition('alarm-p'));

  it('re-sends only the failed entries until they are accepted', async () => {
    const { calls, client: stub } = scriptedClient((call, ids) => (call === 1 ? [{ id: ids[3] ?? '' }, { id: ids[7] ?? '' }] : []));

    await sqsQueue(stub, 'q', 'dlq', [1, 1]).send(many(10));

    expect(calls).toEqual([10, 2]);
  });

  it('gives up after the retries, does not send later batches, and counts what was not accepted', async () => {
    const { calls, client: stub } = scriptedClient((_, ids) => [{ id: ids[0] ?? '' }]);

    const sending = sqsQueue(stub, 'q', 'dlq', [1, 1]).send(many(25));

    await expect(sending).rejects.toThrow(TransitionQueueUnavailableError);
    await expect(sending).rejects.toThrow(/did not accept 16 of 25 messages/);
    expect(calls).toEqual([10, 1, 1]);
  });

  it('does not retry entries SQS rejected as the sender’s fault: it dead-letters them with the reason', async () => {
    const { calls, letters, client: stub } = scriptedClient((_, ids) => [{ id: ids[0] ?? '', senderFault: true }]);
    const messages = many(3);

    const report = await sqsQueue(stub, 'q', 'dlq', [1, 1]).sendEach(messages);

    expect(calls).toEqual([3]);
    expect(report.accepted).toEqual(messages.slice(1));
    expect(report.deadLettered).toEqual([{ message: messages[0], reason: expect.stringMatching(/refused the message: InvalidParameterValue/) }]);
    expect(letters).toEqual([report.deadLettered[0]?.reason]);
  });

  it('reports per entry: other alarms’ batches still go after one alarm’s entry keeps failing, its later ones are held', async () => {
    // Batch 1 holds a-0..a-4 and b-0..b-4; a-1 fails every time. Batch 2 holds a-5..a-9 and c-0..c-4.
    const messages = [
      ...Array.from({ length: 5 }, (_, i) => makeTransition('alarm-a', { reason: `a-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => makeTransition('alarm-b', { reason: `b-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => makeTransition('alarm-a', { reason: `a-${i + 5}` })),
      ...Array.from({ length: 5 }, (_, i) => makeTransition('alarm-c', { reason: `c-${i}` })),
    ];
    const failing = messages[1]?.transition_id;
    const { calls, client: stub } = scriptedClient(() => []);
    const inner = stub.send.bind(stub);
    stub.send = (async (command: SendMessageBatchCommand) => {
      const result = (await inner(command as never)) as SendMessageBatchCommandOutput;
      const bad = command.input.Entries?.find((entry) => entry.MessageDeduplicationId === failing)?.Id;
      if (!bad) return result;
      return { Successful: result.Successful?.filter((entry) => entry.Id !== bad), Failed: [{ Id: bad, SenderFault: false, Code: 'InternalError' }] };
    }) as typeof stub.send;

    const report = await sqsQueue(stub, 'q', 'dlq', [1, 1]).sendEach(messages);

    expect(calls).toEqual([10, 1, 1, 5]);
    expect(report.deadLettered).toEqual([]);
    expect(report.retry.map((entry) => entry.message.reason)).toEqual(['a-1', 'a-5', 'a-6', 'a-7', 'a-8', 'a-9']);
    expect(report.accepted.map((message) => message.reason)).toEqual(['a-0', 'a-2', 'a-3', 'a-4', 'b-0', 'b-1', 'b-2', 'b-3', 'b-4', 'c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
  });
});

describe('MemoryTransitionQueue test helpers', () => {
  it('failNext(n) fails the next n sends without accepting anything, then recovers', async () => {
    const queue = new MemoryTransitionQueue();
    const message = makeTransition('alarm-f');
    queue.failNext(2);

    await expect(queue.send([message])).rejects.toBeInstanceOf(TransitionQueueUnavailableError);
    await expect(queue.send([message])).rejects.toBeInstanceOf(TransitionQueueUnavailableError);
    expect(queue.messages()).toEqual([]);
    await queue.send([message]);

    expect(queue.messages()).toEqual([message]);
  });

  it('forgets a transition_id once the dedup window has passed', async () => {
    let now = 0;
    const queue = new MemoryTransitionQueue({ dedupWindowMs: 1_000, now: () => now });
    const message = makeTransition('alarm-w');

    await queue.send([message]);
    now = 999;
    await queue.send([message]);
    now = 1_000;
    await queue.send([message]);

    expect(queue.messages()).toEqual([message, message]);
  });
});
