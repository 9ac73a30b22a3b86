import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifyHandler, type NotifyDeps } from '../../../functions/notify/app.js';
import { ensureTransitionQueues, startSqsLocal } from '../../../infra/local/sqs-local.js';
import { localContext } from '../../../infra/local/lambda-context.js';
import { replayDeadLetters } from '../../../infra/ops/replay-dead-letters.js';
import { MemoryDeliveryLedger } from '../../../shared/adapters/memory/memory-delivery-ledger.js';
import { FAILURE_REASON_ATTRIBUTE, SqsDeadLetterQueue } from '../../../shared/adapters/sqs/sqs-dead-letter-queue.js';
import type { RunningEmulator } from '../../../infra/local/dynamodb-local.js';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { buildNotifiers } from '../../../shared/notifiers/build-notifiers.js';
import type { AwsClientFactory } from '../../../shared/notifiers/plugin.js';
import { notifiers } from '../../../shared/notifiers/registry.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

let sqsLocal: RunningEmulator;
let sqs: SQSClient;
let receiver: WebhookReceiver;

beforeAll(async () => {
  sqsLocal = await startSqsLocal();
  sqs = new SQSClient({ endpoint: sqsLocal.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  sqs?.destroy();
  await Promise.all([sqsLocal?.stop(), receiver?.close()]);
});

const unusedAws = new Proxy({}, { get: () => () => { throw new Error('no AWS notifier in this test'); } }) as AwsClientFactory;

async function setUp(): Promise<{ deps: NotifyDeps; queueUrl: string; deadLetterUrl: string }> {
  const prefix = `n${randomUUID().slice(0, 8)}`;
  const { queueUrl, deadLetterUrl } = await ensureTransitionQueues(sqs, { queue: `${prefix}-transitions`, deadLetter: `${prefix}-dead` });
  const settings = { webhookAllowLoopback: true, webhookTimeoutMs: 2_000 };
  const readFile = () => { throw new Error('no PEM file in this test'); };
  const deps: NotifyDeps = {
    delivery: { notifiers: buildNotifiers(notifiers, { settings, readFile, aws: unusedAws }), ledger: new MemoryDeliveryLedger(), retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, deadlineMs: 3_000 } },
    deadLetters: new SqsDeadLetterQueue({ client: sqs, queueUrl: deadLetterUrl }),
    maxReceiveCount: 5,
  };
  return { deps, queueUrl, deadLetterUrl };
}

function transition(path: string, overrides: Partial<TransitionMessage> = {}): TransitionMessage {
  return {
    transition_id: randomUUID(),
    timestamp: '2026-11-24T10:00:00',
    actions: [`${receiver.url}${path}`],
    alarm_id: randomUUID(),
    alarm_name: 'cpu high',
    severity: 'critical',
    previous: 'ok',
    current: 'alarm',
    reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 91.0',
    reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
    ...overrides,
  };
}

function record(body: string, receiveCount = 1, groupId = 'g'): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: 'r',
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: groupId },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:transitions.fifo',
    awsRegion: 'us-east-1',
  };
}

const invoke = (deps: NotifyDeps, ...records: SQSRecord[]) => createNotifyHandler(deps)({ Records: records } satisfies SQSEvent, localContext('notify'));
const hits = (path: string) => receiver.requests.filter((request) => request.url === path).length;

async function deadLetters(url: string) {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
  return Messages;
}

describe('the notify handler on the transition queue', () => {
  it('calls each receiver once when SQS delivers the same message twice', async () => {
    const { deps } = await setUp();
    const message = transition('/dup-a', { actions: [`${receiver.url}/dup-a`, `${receiver.url}/dup-b`] });
    expect(await invoke(deps, record(JSON.stringify(message)))).toEqual({ batchItemFailures: [] });
    expect(await invoke(deps, record(JSON.stringify(message), 2))).toEqual({ batchItemFailures: [] });
    expect([hits('/dup-a'), hits('/dup-b')]).toEqual([1, 1]);
  });

  it('reports a retryable failure for redelivery, then dead-letters it with the reason on the last receive, and replay delivers it', async () => {
    const { deps, queueUrl, deadLetterUrl } = await setUp();
    const message = transition('/flaky');
    const body = JSON.stringify(message);
    receiver.script({ status: 503 }, { status: 503 });
    const first = record(body, 1);
    expect(await invoke(deps, first)).toEqual({ batchItemFailures: [{ itemIdentifier: first.messageId }] });
    receiver.script({ status: 503 }, { status: 503 });
    expect(await invoke(deps, record(body, 5))).toEqual({ batchItemFailures: [] });
    const letters = await deadLetters(deadLetterUrl);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.Body).toBe(body);
    expect(letters[0]?.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue).toContain('/flaky');

    await sqs.send(new SendMessageCommand({ QueueUrl: deadLetterUrl, MessageBody: body, MessageGroupId: message.alarm_id, MessageDeduplicationId: 'again' }));
    expect(await replayDeadLetters({ sqs, deadLetterQueueUrl: deadLetterUrl, transitionQueueUrl: queueUrl })).toBeGreaterThanOrEqual(1);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages[0]?.Body).toBe(body);
    const before = hits('/flaky');
    expect(await invoke(deps, record(Messages[0]?.Body ?? '', 1))).toEqual({ batchItemFailures: [] });
    expect(hits('/flaky')).toBe(before + 1);
  });

  it('dead-letters a permanent failure at once, with one attempt', async () => {
    const { deps, deadLetterUrl } = await setUp();
    receiver.script({ status: 400 });
    expect(await invoke(deps, record(JSON.stringify(transition('/bad-request'))))).toEqual({ batchItemFailures: [] });
    expect(hits('/bad-request')).toBe(1);
    expect(await deadLetters(deadLetterUrl)).toHaveLength(1);
  });

  it('dead-letters a poison message with its reason and goes on with the batch', async () => {
    const { deps, deadLetterUrl } = await setUp();
    const good = transition('/after-poison');
    expect(await invoke(deps, record('{not json', 1, 'poison'), record(JSON.stringify(good), 1, good.alarm_id))).toEqual({ batchItemFailures: [] });
    expect(hits('/after-poison')).toBe(1);
    const letters = await deadLetters(deadLetterUrl);
    expect(letters.map((letter) => letter.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue)).toEqual(['message body is not JSON']);
  });

  it("holds back an alarm's later notifications behind one that must come back, but not other alarms'", async () => {
    const { deps } = await setUp();
    const alarmId = randomUUID();
    // Nothing listens on port 1: connection refused, a retryable failure, for this action only.
    const first = transition('/order-1', { alarm_id: alarmId, actions: ['http://127.0.0.1:1/order-1'] });
    const second = transition('/order-2', { alarm_id: alarmId, previous: 'alarm', current: 'ok' });
    const other = transition('/order-other');
    const records = [record(JSON.stringify(first), 1, alarmId), record(JSON.stringify(second), 1, alarmId), record(JSON.stringify(other), 1, other.alarm_id)];
    const response = await invoke(deps, ...records);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([records[0]?.messageId, records[1]?.messageId]);
    expect([hits('/order-2'), hits('/order-other')]).toEqual([0, 1]);
  });

  it('holds records back unattempted when the invocation is about to time out', async () => {
    const { deps } = await setUp();
    const late = transition('/too-late');
    const records = [record(JSON.stringify(late), 1, late.alarm_id)];
    const almostOut = { ...localContext('notify'), getRemainingTimeInMillis: () => 1_200 };
    const response = await createNotifyHandler(deps)({ Records: records }, almostOut);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]?.messageId }]);
    expect(hits('/too-late')).toBe(0);
  });
});
