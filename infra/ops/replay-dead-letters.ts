import { Buffer } from 'node:buffer';
import { setTimeout as delay } from 'node:timers/promises';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { chunkEntries } from '../../shared/adapters/sqs/sqs-transition-queue.js';
import { TRANSITION_QUEUE_SPEC } from '../../shared/adapters/sqs/queue-spec.js';

export interface ReplayOptions {
  sqs: SQSClient;
  deadLetterQueueUrl: string;
  transitionQueueUrl: string;
  /** Stop after this many messages (default: until the dead-letter queue is empty). */
  max?: number;
  /** Seconds a received letter stays hidden while it is replayed (default 60). */
  visibilityTimeoutSeconds?: number;
  /** Pauses before re-trying the deletes DeleteMessageBatch reported as failed; one retry per element. */
  deleteRetryDelaysMs?: readonly number[];
}

/** The replay stopped early; `moved` letters were replayed (and deleted) before it did. */
export class ReplayIncompleteError extends Error {
  override name = 'ReplayIncompleteError';
  constructor(
    message: string,
    readonly moved: number,
  ) {
    super(message);
  }
}

/** Seconds a received letter stays hidden while it is replayed, by default; also how long a lost delete goes unseen. */
const RECEIVE_VISIBILITY_SECONDS = 60;
const DEFAULT_DELETE_RETRY_DELAYS_MS = [100, 400, 1_600] as const;

interface Letter {
  message: Message;
  body: string;
  bytes: number;
}

/**
 * Moves dead letters back onto the transition queue, bodies unchanged, each alarm's letters
 * in their order, in batches within SQS's limits (10 entries and 256 KiB of bodies per call).
 *
 * Each letter's deduplication id is derived from its own dead-letter MessageId, not from the
 * original transition (SQS would otherwise drop a replay within five minutes of it): so a
 * letter replayed again because its delete was lost (a failed DeleteMessageBatch entry, a
 * crash) within five minutes is dropped by the queue instead of being delivered twice. The
 * delivery ledger still skips every action delivered before. A letter is deleted from the
 * dead-letter queue only after the transition queue accepted it; deletes that keep failing
 * stop the replay with an error naming how many (rather than looping over them again).
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<number> {
  let moved = 0;
  for (;;) {
    const want = Math.min(TRANSITION_QUEUE_SPEC.maxBatchEntries, (options.max ?? Number.POSITIVE_INFINITY) - moved);
    if (want <= 0) return moved;
    const { Messages = [] } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.deadLetterQueueUrl,
        MaxNumberOfMessages: want,
        WaitTimeSeconds: 0,
        // Both names: the emulators only honour the deprecated AttributeNames (toolchain.md §3).
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? RECEIVE_VISIBILITY_SECONDS,
      }),
    );
    if (Messages.length === 0) return moved;
    const letters = Messages.map((message): Letter => ({ message, body: message.Body ?? '', bytes: Buffer.byteLength(message.Body ?? '', 'utf8') }));
    const tooLarge = letters.filter((letter) => letter.bytes > TRANSITION_QUEUE_SPEC.maxMessageBytes);
    if (tooLarge.length > 0) {
      throw new ReplayIncompleteError(`${tooLarge.length} dead letter(s) exceed the transition queue's ${TRANSITION_QUEUE_SPEC.maxMessageBytes}-byte limit; they stay in the dead-letter queue`, moved);
    }
    for (const batch of chunkEntries(letters)) {
      const accepted = await sendBatch(options, batch);
      const notDeleted = await deleteLetters(options, accepted);
      moved += accepted.length - notDeleted.count;
      if (notDeleted.count > 0) throw new ReplayIncompleteError(notDeleted.message, moved);
      if (accepted.length < batch.length) {
        throw new ReplayIncompleteError(`the transition queue refused ${batch.length - accepted.length} replayed messages; they stay in the dead-letter queue`, moved);
      }
    }
  }
}

async function sendBatch(options: ReplayOptions, batch: Letter[]): Promise<Letter[]> {
  const sent = await options.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: options.transitionQueueUrl,
      Entries: batch.map((letter, index) => ({
        Id: String(index),
        MessageBody: letter.body,
        MessageGroupId: letter.message.Attributes?.MessageGroupId ?? 'replay',
        MessageDeduplicationId: `replay-${letter.message.MessageId ?? index}`,
      })),
    }),
  );
  const accepted = new Set((sent.Successful ?? []).map((entry) => Number(entry.Id)));
  return batch.filter((_, index) => accepted.has(index));
}

/** Deletes replayed letters, re-trying the entries DeleteMessageBatch reports as failed; says what still failed. */
async function deleteLetters(options: ReplayOptions, letters: Letter[]): Promise<{ count: number; message: string }> {
  let pending = letters;
  const pauses = options.deleteRetryDelaysMs ?? DEFAULT_DELETE_RETRY_DELAYS_MS;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    const result = await options.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.deadLetterQueueUrl,
        Entries: pending.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.message.ReceiptHandle ?? '' })),
      }),
    );
    const deleted = new Set((result.Successful ?? []).map((entry) => Number(entry.Id)));
    const failed = pending.filter((_, index) => !deleted.has(index));
    const pause = pauses[attempt];
    if (failed.length > 0 && pause === undefined) {
      const first = result.Failed?.[0];
      return {
        count: failed.length,
        message:
          `${failed.length} replayed letter(s) could not be deleted from the dead-letter queue (${first?.Code ?? 'unknown'}: ${first?.Message ?? ''}); ` +
          `they reappear there in ${options.visibilityTimeoutSeconds ?? RECEIVE_VISIBILITY_SECONDS} s, and replaying them again within five minutes is deduplicated by the transition queue`,
      };
    }
    if (failed.length > 0 && pause !== undefined) await delay(pause);
    pending = failed;
  }
  return { count: 0, message: '' };
}
