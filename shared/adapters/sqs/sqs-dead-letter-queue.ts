import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TransitionQueueUnavailableError } from '../../errors.js';
import type { DeadLetter, DeadLetterQueue } from '../../ports/dead-letter-queue.js';

/** SQS caps a message attribute value; reasons longer than this are cut, never the body. */
const MAX_ATTRIBUTE_CHARS = 1024;

export const FAILURE_REASON_ATTRIBUTE = 'aodh-failure-reason';
export const FAILED_ACTIONS_ATTRIBUTE = 'aodh-failed-actions';

/** The transition queue's FIFO dead-letter queue, written to directly so a letter carries its reason. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly options: { client: SQSClient; queueUrl: string }) {}

  async send(letter: DeadLetter): Promise<void> {
    const attributes: Record<string, { DataType: 'String'; StringValue: string }> = {
      [FAILURE_REASON_ATTRIBUTE]: { DataType: 'String', StringValue: letter.reason.slice(0, MAX_ATTRIBUTE_CHARS) || 'unknown' },
    };
    if (letter.failedActions?.length) {
      attributes[FAILED_ACTIONS_ATTRIBUTE] = { DataType: 'String', StringValue: JSON.stringify(letter.failedActions).slice(0, MAX_ATTRIBUTE_CHARS) };
    }
    try {
      await this.options.client.send(
        new SendMessageCommand({
          QueueUrl: this.options.queueUrl,
          MessageBody: letter.body,
          // Per alarm, like the transition queue; a malformed message has no alarm to group by.
          MessageGroupId: letter.alarmId || 'malformed',
          // The same letter parked twice (a retried handler) is kept once; a replayed one failing again is another.
          MessageDeduplicationId: createHash('sha256').update(letter.sourceMessageId ?? '').update('\n').update(letter.body).update('\n').update(letter.reason).digest('hex'),
          MessageAttributes: attributes,
        }),
      );
    } catch (error) {
      throw new TransitionQueueUnavailableError(`dead-letter queue did not accept the message: ${(error as Error).name}`, { cause: error });
    }
  }
}
