import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface ReplayOptions {
  sqs: SQSClient;
  deadLetterQueueUrl: string;
  transitionQueueUrl: string;
  /** Stop after this many messages (default: until the dead-letter queue is empty). */
  max?: number;
}

/**
 * Moves dead letters back onto the transition queue, bodies unchanged, each alarm's letters
 * in their order. They get a fresh deduplication id (SQS would otherwise drop a replay within
 * five minutes of the original); receivers are still protected by the delivery ledger,
 * which skips every action that was delivered before. A letter is deleted from the
 * dead-letter queue only after the transition queue accepted it.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<number> {
  let moved = 0;
  for (;;) {
    const want = Math.min(10, (options.max ?? Number.POSITIVE_INFINITY) - moved);
    if (want <= 0) return moved;
    const { Messages = [] } = await options.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: options.deadLetterQueueUrl, MaxNumberOfMessages: want, WaitTimeSeconds: 0, AttributeNames: ['All'], MessageSystemAttributeNames: ['All'], VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) return moved;
    const replay = randomUUID();
    const sent = await options.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: options.transitionQueueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? '',
          MessageGroupId: message.Attributes?.MessageGroupId ?? 'replay',
          MessageDeduplicationId: `${replay}-${index}`,
        })),
      }),
    );
    const accepted = new Set((sent.Successful ?? []).map((entry) => Number(entry.Id)));
    const done = Messages.filter((_, index) => accepted.has(index));
    if (done.length > 0) {
      await options.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: options.deadLetterQueueUrl, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' })) }));
    }
    moved += done.length;
    if (done.length < Messages.length) throw new Error(`the transition queue refused ${Messages.length - done.length} replayed messages; they stay in the dead-letter queue`);
  }
}
