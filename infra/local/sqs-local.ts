import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';
import { fifoQueueName, TRANSITION_QUEUE_SPEC, type TransitionQueueNames } from '../../shared/adapters/sqs/queue-spec.js';
import { freePort } from './free-port.js';
import type { RunningEmulator } from './dynamodb-local.js';

/**
 * Starts local-aws-sqs in this process (pure JS, speaks the JSON protocol of the current
 * client). Its known gaps are listed in the reference toolchain notes: no early return of
 * long polls, no FIFO group lock, redrive one receive early. A free port is picked up front
 * rather than listening on 0, because the emulator builds queue URLs from the port it was given.
 */
export async function startSqsLocal(options: { port?: number } = {}): Promise<RunningEmulator> {
  const port = options.port ?? (await freePort());
  const server = await createSqsServer({ port, hostname: '127.0.0.1' });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of SDK clients would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface TransitionQueueUrls {
  queueUrl: string;
  deadLetterUrl: string;
  deadLetterArn: string;
}

/**
 * Creates the FIFO transition queue and its FIFO DLQ with TRANSITION_QUEUE_SPEC's settings
 * (the CDK stack uses the same spec). CreateQueue with identical attributes returns the
 * existing queue, so calling this again is harmless; different attributes are an error,
 * as on AWS.
 */
export async function ensureTransitionQueues(client: SQSClient, names: TransitionQueueNames): Promise<TransitionQueueUrls> {
  const spec = TRANSITION_QUEUE_SPEC;
  const fifoAttributes = {
    FifoQueue: 'true',
    ContentBasedDeduplication: String(spec.contentBasedDeduplication),
    DeduplicationScope: spec.deduplicationScope,
    FifoThroughputLimit: spec.fifoThroughputLimit,
    MaximumMessageSize: String(spec.maxMessageBytes),
  };
  const deadLetter = await client.send(
    new CreateQueueCommand({
      QueueName: fifoQueueName(names.deadLetter),
      Attributes: { ...fifoAttributes, MessageRetentionPeriod: String(spec.deadLetterRetentionSeconds) },
    }),
  );
  const deadLetterUrl = required(deadLetter.QueueUrl, 'QueueUrl of the dead-letter queue');
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }));
  const deadLetterArn = required(attributes.Attributes?.QueueArn, 'QueueArn of the dead-letter queue');
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: fifoQueueName(names.queue),
      Attributes: {
        ...fifoAttributes,
        VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(spec.messageRetentionSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: spec.maxReceiveCount }),
      },
    }),
  );
  return { queueUrl: required(queue.QueueUrl, 'QueueUrl of the transition queue'), deadLetterUrl, deadLetterArn };
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`SQS answered without the ${what}`);
  return value;
}
