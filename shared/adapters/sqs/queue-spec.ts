import { TRANSITION_MESSAGE_MAX_BYTES } from '../../transitions/message-size.js';

/**
 * The transition queue's settings, in one place so that the local emulator setup
 * (infra/local/sqs-local.ts), the adapter and the CDK stack agree. Plain data: no SDK.
 */
export const TRANSITION_QUEUE_SPEC = {
  /** FIFO, because notifications of one alarm must leave in the order they were decided. */
  fifo: true,
  /** Off: the adapter sets MessageDeduplicationId = transition_id, so re-sends dedupe by identity, not by body. */
  contentBasedDeduplication: false,
  /**
   * High-throughput FIFO: dedup and throughput per message group (= alarm). A transition_id
   * belongs to one alarm, so per-group dedup loses nothing, and the queue is not capped at
   * 300 sends/s when an evaluation cycle flips many alarms at once.
   */
  deduplicationScope: 'messageGroup',
  fifoThroughputLimit: 'perMessageGroupId',
  /**
   * Seconds a received message stays hidden. AWS asks for at least 6× the consumer's
   * timeout when a Lambda event source mapping reads the queue: keep the notify function ≤ 10 s.
   */
  visibilityTimeoutSeconds: 60,
  /** Deliveries before a message moves to the DLQ (a notifier failing five times in a row). */
  maxReceiveCount: 5,
  /** Transitions are stale after a few days; the outbox re-sends anything that never got in. */
  messageRetentionSeconds: 4 * 24 * 3600,
  /** The DLQ keeps failures for the maximum, 14 days, for inspection and redrive. */
  deadLetterRetentionSeconds: 14 * 24 * 3600,
  /**
   * Largest body the adapter sends, and the queue's MaximumMessageSize. SQS now allows
   * 1 MiB, but 256 KiB is the long-standing limit; an Aodh notification is a few KiB unless
   * reason_data is huge, and then transitions/fit-for-queue.ts cuts it down at the source.
   */
  maxMessageBytes: TRANSITION_MESSAGE_MAX_BYTES,
  /** Bodies per SendMessageBatch call, in total (SQS's long-standing 256 KiB; now 1 MiB in AWS). */
  maxBatchBytes: 256 * 1024,
  /** Entries per SendMessageBatch call (fixed by SQS). */
  maxBatchEntries: 10,
  /** SQS's deduplication interval (fixed by SQS, 5 minutes); the memory adapter copies it. */
  dedupWindowSeconds: 300,
} as const;

/** Logical queue names; the FIFO suffix is added by {@link fifoQueueName}. */
export interface TransitionQueueNames {
  queue: string;
  deadLetter: string;
}

/** Default logical names for a deployment/table prefix (e.g. `aodh-local`). */
export function transitionQueueNamesFor(prefix: string): TransitionQueueNames {
  return { queue: `${prefix}-transitions`, deadLetter: `${prefix}-transitions-dlq` };
}

/** SQS requires FIFO queue names to end in `.fifo`; adding it twice is avoided. */
export function fifoQueueName(name: string): string {
  return name.endsWith('.fifo') ? name : `${name}.fifo`;
}
