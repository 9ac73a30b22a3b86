import { setTimeout as delay } from 'node:timers/promises';
import { type SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { TransitionMessage } from '../../domain/transition.js';
import { TransitionQueueUnavailableError } from '../../errors.js';
import type { TransitionQueue } from '../../ports/transition-queue.js';
import { TRANSITION_QUEUE_SPEC } from './queue-spec.js';
import { bodyBytes, encodeTransitionBody, oversizedError } from './transition-body.js';

export interface SqsTransitionQueueOptions {
  client: SQSClient;
  /** URL of the FIFO transition queue (see infra/local/sqs-local.ts and the CDK stack). */
  queueUrl: string;
  /**
   * Pauses before re-sending the entries a batch reported as failed; one retry per element.
   * Whole-call failures (network, throttling) are not retried here: the SDK's own retry
   * strategy already did that, and the outbox re-sends later.
   */
  retryDelaysMs?: readonly number[];
}

interface Entry {
  message: TransitionMessage;
  body: string;
  bytes: number;
}

interface Failure {
  entry: Entry;
  reason: string;
  /** SQS blamed the request (SenderFault): the same entry fails the same way on every retry. */
  permanent: boolean;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 400, 1_600] as const;

/**
 * The TransitionQueue on an SQS FIFO queue: one message group per alarm keeps each alarm's
 * notifications in order, and MessageDeduplicationId = transition_id makes the outbox's
 * re-sends harmless within SQS's 5-minute window.
 */
export class SqsTransitionQueue implements TransitionQueue {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly retryDelaysMs: readonly number[];

  constructor(options: SqsTransitionQueueOptions) {
    this.client = options.client;
    this.queueUrl = options.queueUrl;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  async send(messages: readonly TransitionMessage[]): Promise<void> {
    const entries: Entry[] = [];
    const oversized: Entry[] = [];
    for (const message of messages) {
      const body = encodeTransitionBody(message);
      const entry = { message, body, bytes: bodyBytes(body) };
      (entry.bytes > TRANSITION_QUEUE_SPEC.maxMessageBytes ? oversized : entries).push(entry);
    }
    // The rest still goes out: an oversized transition can never be sent, and holding back
    // every other alarm's notification behind it would turn one bad message into an outage.
    const chunks = chunkEntries(entries);
    for (const [index, chunk] of chunks.entries()) {
      const notSent = chunks.slice(index + 1).reduce((sum, later) => sum + later.length, 0) + oversized.length;
      let failures: Failure[];
      try {
        failures = await this.sendChunk(chunk);
      } catch (error) {
        throw new TransitionQueueUnavailableError(
          `transition queue unreachable: ${chunk.length + notSent} of ${messages.length} messages not sent (${describe(error)})`,
          { cause: error },
        );
      }
      // Later chunks are not attempted once one fails: sending them could put an alarm's
      // later transition ahead of an earlier one that the caller will re-send.
      if (failures.length > 0) {
        const first = failures[0]?.reason ?? 'unknown';
        throw new TransitionQueueUnavailableError(
          `transition queue did not accept ${failures.length + notSent} of ${messages.length} messages ` +
            `(${failures.length} failed after retries, first: ${first})`,
        );
      }
    }
    if (oversized.length > 0) throw oversizedError(oversized);
  }

  /**
   * Sends one batch; retries only its failed entries. Returns what still failed. A retried
   * entry lands after any later entry of the same alarm that the batch did accept; SQS gives
   * no way to undo that, and it needs a partial batch failure, which AWS reports rarely.
   */
  private async sendChunk(chunk: Entry[]): Promise<Failure[]> {
    let pending = chunk;
    const permanent: Failure[] = [];
    for (let attempt = 0; ; attempt += 1) {
      const failures = await this.sendBatch(pending);
      const retryable: Failure[] = [];
      for (const failure of failures) (failure.permanent ? permanent : retryable).push(failure);
      const pause = this.retryDelaysMs[attempt];
      if (retryable.length === 0 || pause === undefined) return [...permanent, ...retryable];
      await delay(pause * (0.5 + Math.random() / 2)); // jitter: concurrent evaluators must not retry in lockstep
      pending = retryable.map((failure) => failure.entry);
    }
  }

  private async sendBatch(pending: Entry[]): Promise<Failure[]> {
    // Ids only need to be unique within one call; the position maps results back to entries.
    const result = await this.client.send(
      new SendMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: pending.map((entry, index) => ({
          Id: `m${index}`,
          MessageBody: entry.body,
          MessageGroupId: entry.message.alarm_id,
          MessageDeduplicationId: entry.message.transition_id,
        })),
      }),
    );
    const succeeded = new Set((result.Successful ?? []).map((success) => success.Id));
    const failed = new Map((result.Failed ?? []).map((failure) => [failure.Id, failure]));
    return pending.flatMap((entry, index): Failure[] => {
      const id = `m${index}`;
      if (succeeded.has(id)) return [];
      const failure = failed.get(id);
      const reason = failure ? `${failure.Code ?? 'unknown'}: ${failure.Message ?? ''}`.trim() : 'no result for entry';
      return [{ entry, reason, permanent: failure?.SenderFault === true }];
    });
  }
}

/** Splits entries, in order, into batches within SQS's entry-count and total-size limits. */
export function chunkEntries<T extends { bytes: number }>(entries: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const entry of entries) {
    if (current.length === TRANSITION_QUEUE_SPEC.maxBatchEntries || size + entry.bytes > TRANSITION_QUEUE_SPEC.maxMessageBytes) {
      if (current.length > 0) chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += entry.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
