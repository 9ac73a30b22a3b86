import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { TRANSITION_QUEUE_SPEC as SPEC } from '../../shared/adapters/sqs/queue-spec.js';
import { synthAodh } from './synth.js';
import { logicalId, type Resource, resources } from './templates.js';

/** SQS's longest retention, which the spec promises the DLQ. */
const SQS_MAX_RETENTION_SECONDS = 14 * 24 * 3600;

describe('transition queues (stateful stack)', () => {
  let stacks: AodhStacks;
  let stateful: Template;
  let queueId: string;
  let deadLetterId: string;

  function queue(id: string): Resource {
    return stateful.toJSON().Resources[id] as Resource;
  }

  beforeAll(() => {
    stacks = synthAodh();
    stateful = Template.fromStack(stacks.stateful);
    queueId = logicalId(stacks.stateful, stacks.stateful.transitions.queue);
    deadLetterId = logicalId(stacks.stateful, stacks.stateful.transitions.deadLetterQueue);
  });

  it('are exactly the transition queue and its dead-letter queue', () => {
    expect(resources(stateful, 'AWS::SQS::Queue')).toHaveLength(2);
    expect(queue(queueId).Type).toBe('AWS::SQS::Queue');
    expect(queue(deadLetterId).Type).toBe('AWS::SQS::Queue');
  });

  it('builds the transition queue from TRANSITION_QUEUE_SPEC: high-throughput FIFO, no content dedup, redrive to the DLQ', () => {
    expect(queue(queueId).Properties).toEqual({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: SPEC.deduplicationScope,
      FifoThroughputLimit: SPEC.fifoThroughputLimit,
      VisibilityTimeout: SPEC.visibilityTimeoutSeconds,
      MessageRetentionPeriod: SPEC.messageRetentionSeconds,
      MaximumMessageSize: SPEC.maxMessageBytes,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] }, maxReceiveCount: SPEC.maxReceiveCount },
      Tags: expect.any(Array),
    });
    // The spec's own promises, so a spec edit that breaks them fails here too.
    expect([SPEC.deduplicationScope, SPEC.fifoThroughputLimit, SPEC.maxMessageBytes]).toEqual(['messageGroup', 'perMessageGroupId', 262_144]);
  });

  it('makes the dead-letter queue FIFO too (FIFO queues only redrive into FIFO), keeping failures 14 days', () => {
    expect(queue(deadLetterId).Properties).toEqual({
      FifoQueue: true,
      MessageRetentionPeriod: SPEC.deadLetterRetentionSeconds,
      MaximumMessageSize: SPEC.maxMessageBytes,
      SqsManagedSseEnabled: true,
      Tags: expect.any(Array),
    });
    expect(SPEC.deadLetterRetentionSeconds).toBe(SQS_MAX_RETENTION_SECONDS);
  });

  it('refuses unencrypted transport on both queues', () => {
    const policies = resources(stateful, 'AWS::SQS::QueuePolicy').map((policy) => policy.Properties);
    expect(policies.map((policy) => policy.Queues)).toEqual(
      expect.arrayContaining([[{ Ref: queueId }], [{ Ref: deadLetterId }]]),
    );
    for (const policy of policies) {
      expect(policy.PolicyDocument).toMatchObject({
        Statement: [
          expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      });
    }
    expect(policies).toHaveLength(2);
  });
});
