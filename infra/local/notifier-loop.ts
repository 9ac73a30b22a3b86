import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { setTimeout as delay } from 'node:timers/promises';
import { localContext } from './lambda-context.js';

type NotifyHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/**
 * What Lambda's SQS event source mapping does, locally: receive up to 10 messages, invoke
 * the notify handler with them as an SQS event, delete what it finished, and let the
 * reported failures come back. Locally they come back after a couple of seconds rather
 * than the queue's 60 s visibility timeout, so retries can be watched.
 */
export function startNotifierLoop(handler: NotifyHandler, sqs: SQSClient, queueUrl: string, options: { retryAfterSeconds?: number } = {}): { stop(): Promise<void> } {
  let running = true;
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split('/').at(-1) ?? 'transitions'}`;
  const loop = (async () => {
    while (running) {
      try {
        const { Messages = [] } = await sqs.send(
          // Both attribute fields: the emulator still answers only the deprecated one (toolchain.md).
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
        );
        if (Messages.length === 0) {
          await delay(200);
          continue;
        }
        const { batchItemFailures } = await handler({ Records: Messages.map((message) => toRecord(message, queueArn)) }, localContext('aodh-notify'));
        const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
        const done = Messages.filter((message) => !failed.has(message.MessageId ?? ''));
        if (done.length > 0) {
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' })) }));
        }
        for (const message of Messages.filter((candidate) => failed.has(candidate.MessageId ?? ''))) {
          await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle ?? '', VisibilityTimeout: options.retryAfterSeconds ?? 2 }));
        }
      } catch {
        // The emulator going away (shutdown) or a handler crash: Lambda would retry the batch too.
        await delay(500);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
