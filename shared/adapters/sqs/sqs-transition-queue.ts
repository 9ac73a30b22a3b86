import { setTimeout as delay } from 'node:timers/promises';
import { type SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { TransitionMessage } from '../../domain/transition.js';
import type { DeadLetterQueue } from '../../ports/dead-letter-queue.js';
import type { SendReport, TransitionQueue } from '../../ports/transition-queue.js';
import { fitForDeadLetter } from '../../transitions/fit-for-queue.js';
import { bodyBytes, encodeTransitionBody } from '../../transitions/message-size.js';
import { TRANSITION_QUEUE_SPEC } from './queue-spec.js';
import { oversizedReason, unsentError } from './transition-body.js';

export interface SqsTransitionQueueOptions {
  client: SQSClient;
  /** URL of the FIFO transition queue (see infra/local/sqs-local.ts and the CDK stack). */
  queueUrl: string;
  /** Where a message the queue can never take is parked, with its reason (the queue's own DLQ). */
  deadLetters: DeadLetterQueue;
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
/** Room a dead letter keeps for its reason attributes, which SQS counts against the message size. */
const DEAD_LETTER_ATTRIBUTE_ALLOWANCE = 8 * 1024;

/**
 * The TransitionQueue on an SQS FIFO queue: one message group per alarm keeps each alarm's
 * notifications in order, and MessageDeduplicationId = transition_id makes the outbox's
 * re-sends harmless within SQS's 5-minute window. What SQS can never take goes to the DLQ.
 */
export class SqsTransitionQueue implements TransitionQueue {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly deadLetters: DeadLetterQueue;
  private readonly retryDelaysMs: readonly number[];

  constructor(options: SqsTransitionQueueOptions) {
    this.client = options.client;
    this.queueUrl = options.queueUrl;
    this.deadLetters = options.deadLetters;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  async send(messages: readonly TransitionMessage[]): Promise<void> {
    const report = await this.sendEach(messages);
    if (report.retry.length > 0) throw unsentError(report, messages.length);
  }

  async sendEach(messages: readonly TransitionMessage[]): Promise<SendReport> {
    const report: SendReport = { accepted: [], deadLettered: [], retry: [] };
    // Alarms with a message to retry: their later messages must not overtake it.
    const held = new Set<string>();
    const retry = (entry: Entry, reason: string) => {
      report.retry.push({ message: entry.message, reason });
      held.add(entry.message.alarm_id);
    };
    const sendable: Entry[] = [];
    for (const message of messages) {
      const body = encodeTransitionBody(message);
      const entry = { message, body, bytes: bodyBytes(body) };
      if (entry.bytes <= TRANSITION_QUEUE_SPEC.maxMessageBytes) sendable.push(entry);
      else await this.park(entry, oversizedReason(entry.bytes, TRANSITION_QUEUE_SPEC.maxMessageBytes), report, retry);
    }
    const chunks = chunkEntries(sendable);
    for (const [index, chunk] of chunks.entries()) {
      const ready: Entry[] = [];
      for (const entry of chunk) {
        if (held.has(entry.message.alarm_id)) retry(entry, 'held behind an earlier transition of the alarm that was not accepted');
        else ready.push(entry);
      }
      if (ready.length === 0) continue;
      let failures: Failure[];
      try {
        failures = await this.sendChunk(ready);
      } catch (error) {
        // Unreachable or throttled after the SDK's retries: the later batches would fare no better.
        const reason = `transition queue unreachable (${describe(error)})`;
        for (const entry of [...ready, ...chunks.slice(index + 1).flat()]) retry(entry, reason);
        break;
      }
      const failed = new Map(failures.map((failure) => [failure.entry, failure]));
      for (const entry of ready) {
        const failure = failed.get(entry);
        if (!failure) report.accepted.push(entry.message);
        else if (failure.permanent) await this.park(entry, `the transition queue refused the message: ${failure.reason}`, report, retry);
        else retry(entry, failure.reason);
      }
    }
    return report;
  }

  /** Parks a message SQS can never take; if the dead-letter queue is down too, it waits in the outbox. */
  private async park(entry: Entry, reason: string, report: SendReport, retry: (entry: Entry, reason: string) => void): Promise<void> {
    const letter = fitForDeadLetter(entry.message, TRANSITION_QUEUE_SPEC.maxMessageBytes - DEAD_LETTER_ATTRIBUTE_ALLOWANCE);
    try {
      await this.deadLetters.send({ body: encodeTransitionBody(letter), alarmId: entry.message.alarm_id, reason });
      report.deadLettered.push({ message: entry.message, reason });
    } catch (error) {
      retry(entry, `${reason}; the dead-letter queue did not take it either (${describe(error)})`);
    }
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

/**
 * Splits entries, in order, into batches within SQS's limits: 10 entries, and 256 KiB of
 * bodies in total per SendMessageBatch (not per message), so ten 100 KiB bodies take four calls.
 */
export function chunkEntries<T extends { bytes: number }>(entries: readonly T[], maxBytes: number = TRANSITION_QUEUE_SPEC.maxBatchBytes): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const entry of entries) {
    if (current.length === TRANSITION_QUEUE_SPEC.maxBatchEntries || size + entry.bytes > maxBytes) {
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
