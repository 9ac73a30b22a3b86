import { Duration } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TRANSITION_QUEUE_SPEC } from '../../shared/adapters/sqs/queue-spec.js';

const SPEC = TRANSITION_QUEUE_SPEC;

/** The spec speaks SQS attribute values; CDK wants its enums. Keyed by value so a spec change fails to compile here. */
const DEDUPLICATION_SCOPES = { messageGroup: DeduplicationScope.MESSAGE_GROUP } as const;
const THROUGHPUT_LIMITS = { perMessageGroupId: FifoThroughputLimit.PER_MESSAGE_GROUP_ID } as const;

/**
 * The FIFO queue that carries alarm transitions from the evaluator to the notifier, and
 * its FIFO dead-letter queue (a FIFO queue may only redrive into a FIFO queue).
 *
 * Every value comes from TRANSITION_QUEUE_SPEC, which the adapter and the local emulator
 * setup (infra/local/sqs-local.ts) also read, so the three cannot disagree. Names are left
 * to CloudFormation (CDK appends the required `.fifo`); functions get the URL through env.
 *
 * Not retained on delete, unlike the tables: messages live days at most, and anything
 * the queue had not accepted yet is still in the outbox table.
 */
export class TransitionQueues extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Both queues carry alarm data to third-party endpoints: encrypted at rest with
    // SQS-managed keys (no KMS grants to manage), and refused over plain HTTP.
    const common = {
      fifo: SPEC.fifo,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      maxMessageSizeBytes: SPEC.maxMessageBytes,
    };
    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      ...common,
      retentionPeriod: Duration.seconds(SPEC.deadLetterRetentionSeconds),
    });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      contentBasedDeduplication: SPEC.contentBasedDeduplication,
      deduplicationScope: DEDUPLICATION_SCOPES[SPEC.deduplicationScope],
      fifoThroughputLimit: THROUGHPUT_LIMITS[SPEC.fifoThroughputLimit],
      visibilityTimeout: Duration.seconds(SPEC.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(SPEC.messageRetentionSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SPEC.maxReceiveCount },
    });
  }
}
