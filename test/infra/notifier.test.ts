import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNotifierSettings } from '../../functions/runtime/env.js';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { NOTIFIER_TARGET_ACTIONS } from '../../infra/constructs/notifier.js';
import { TRANSITION_QUEUE_SPEC as SPEC } from '../../shared/adapters/sqs/queue-spec.js';
import { synthAodh } from './synth.js';
import { crossStackResolver, environmentOf, logicalId, type Resource, resourceNamed, resources, statementsOf } from './templates.js';

const ITEM_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].map((action) => `dynamodb:${action}`);
const CONSUME = ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
const TARGET_ACTIONS = Object.values(NOTIFIER_TARGET_ACTIONS).flat() as string[];

function notifierOf(template: Template): Resource {
  return resourceNamed(template, 'AWS::Lambda::Function', 'NotifierHandlerFunction');
}

/** Target (followed across stacks) → the actions the notify role has on it. */
function grantsOf(template: Template, follow: (value: unknown) => string): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const statement of statementsOf(template, 'NotifierHandlerRole')) {
    expect(statement.Effect).toBe('Allow');
    for (const target of [statement.Resource].flat().map(follow)) {
      grants.set(target, [...(grants.get(target) ?? []), ...[statement.Action].flat()]);
    }
  }
  return grants;
}

describe('notifier (service stack)', () => {
  let stacks: AodhStacks;
  let service: Template;
  let follow: (value: unknown) => string;
  let ids: Record<'alarms' | 'history' | 'quotas' | 'outbox' | 'deliveries' | 'queue' | 'deadLetter', string>;

  beforeAll(() => {
    stacks = synthAodh();
    service = Template.fromStack(stacks.service);
    follow = crossStackResolver(Template.fromStack(stacks.stateful));
    const { tables, transitions } = stacks.stateful;
    const id = (construct: Parameters<typeof logicalId>[1]) => logicalId(stacks.stateful, construct);
    ids = {
      alarms: id(tables.alarms),
      history: id(tables.history),
      quotas: id(tables.quotas),
      outbox: id(tables.outbox),
      deliveries: id(tables.deliveries),
      queue: id(transitions.queue),
      deadLetter: id(transitions.deadLetterQueue),
    };
  });

  it('is a Node 22 function on arm64 whose timeout leaves the queue visibility ≥ 6× it', () => {
    const props = notifierOf(service).Properties;
    expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: 10 });
    // AWS's rule for SQS event sources: a batch must not reappear while its invocation may still run.
    expect(SPEC.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * Number(props.Timeout));
  });

  it('passes what readNotifierSettings reads: deliveries table, DLQ, the queue redrive count, safe webhook defaults', () => {
    const env = environmentOf(notifierOf(service), follow);
    expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'aodh-notifier', NOTIFY_MAX_RECEIVE_COUNT: String(SPEC.maxReceiveCount) });
    for (const name of ['ALARMS_TABLE', 'HISTORY_TABLE', 'QUOTAS_TABLE', 'OUTBOX_TABLE', 'TRANSITION_QUEUE_URL']) {
      expect(env).not.toHaveProperty(name);
    }
    expect(readNotifierSettings(env)).toEqual({
      tables: { deliveries: ids.deliveries },
      deadLetterQueueUrl: ids.deadLetter,
      maxReceiveCount: SPEC.maxReceiveCount,
      // Every webhook row with a default reaches the function (CDK sets them from the rows, generically).
      schemes: { restNotifierSslVerify: true, webhookAllowPrivateNetworks: false, webhookAllowLoopback: false, webhookTimeoutMs: 5_000 },
    });
  });

  it('passes the webhook settings through, warning about unverified TLS and loopback', () => {
    const { service: stack } = synthAodh({
      webhookAllowPrivateNetworks: 'true',
      webhookAllowLoopback: 'true',
      webhookTimeoutMs: '2500',
      restNotifierSslVerify: 'false',
    });
    const env = environmentOf(notifierOf(Template.fromStack(stack)), String);
    expect(readNotifierSettings({ ...env, DELIVERIES_TABLE: 't', DEAD_LETTER_QUEUE_URL: 'q' }).schemes).toEqual({
      restNotifierSslVerify: false,
      webhookAllowPrivateNetworks: true,
      webhookAllowLoopback: true,
      webhookTimeoutMs: 2_500,
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning(`/${stack.stackName}/Notifier`, Match.stringLikeRegexp('restNotifierSslVerify is false'));
    annotations.hasWarning(`/${stack.stackName}/Notifier`, Match.stringLikeRegexp('webhookAllowLoopback is true'));
  });

  it('consumes the FIFO transition queue in batches of 10, reporting partial batch failures, with bounded concurrency', () => {
    const [mapping, ...others] = resources(service, 'AWS::Lambda::EventSourceMapping');
    expect(others).toEqual([]);
    expect(mapping?.Properties).toMatchObject({
      FunctionName: { Ref: expect.stringMatching(/^NotifierHandlerFunction/) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // notifierMaxConcurrency's default.
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    // FIFO queues take no batching window.
    expect(mapping?.Properties).not.toHaveProperty('MaximumBatchingWindowInSeconds');
    expect(follow(mapping?.Properties.EventSourceArn)).toBe(`${ids.queue}.Arn`);
    const queue = Template.fromStack(stacks.stateful).toJSON().Resources[ids.queue] as Resource;
    expect(queue.Properties.FifoQueue).toBe(true);
  });

  it('may consume the queue, send to the DLQ, read and put deliveries, write its logs: nothing else, no "*"', () => {
    const grants = grantsOf(service, follow);
    const logs = JSON.stringify({ 'Fn::GetAtt': [logicalId(stacks.service, stacks.service.notifier.function.logGroup), 'Arn'] });
    const [deliveries, queue, deadLetter] = [`${ids.deliveries}.Arn`, `${ids.queue}.Arn`, `${ids.deadLetter}.Arn`];
    expect([...grants.keys()].sort()).toEqual([deliveries, queue, deadLetter, logs].sort());
    expect(grants.get(deadLetter)).toEqual(['sqs:SendMessage']);
    expect(grants.get(queue)?.sort()).toEqual([...CONSUME].sort());
    expect(grants.get(deliveries)?.filter((action) => ITEM_WRITES.includes(action))).toEqual(['dynamodb:PutItem']);
    expect(grants.get(deliveries)).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(grants.get(deliveries)?.every((action) => action.startsWith('dynamodb:'))).toBe(true);
    expect(grants.get(logs)?.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    // No AWS-native target by default: webhooks only.
    expect([...grants.values()].flat().filter((action) => /^(sns|events|lambda):/.test(action))).toEqual([]);
  });

  it('grants each AWS-native scheme its actions on exactly the notifierTargets of its service', () => {
    const targets = {
      sns: ['arn:aws:sns:eu-west-1:123456789012:alarms-*', 'arn:aws:sns:us-east-1:123456789012:ops'],
      sqs: ['arn:aws:sqs:eu-west-1:210987654321:alarm-queue'],
      events: ['arn:aws:events:eu-west-1:123456789012:event-bus/default'],
      lambda: ['arn:aws:lambda:eu-west-1:123456789012:function:on-alarm', 'arn:aws:lambda:eu-west-1:123456789012:function:on-alarm:*'],
    };
    const { service: stack } = synthAodh({ notifierTargets: JSON.stringify(Object.values(targets).flat()) });
    const byAction = new Map<string, string[]>();
    for (const statement of statementsOf(Template.fromStack(stack), 'NotifierHandlerRole')) {
      const arns = [statement.Resource].flat();
      // The stack's own grants name their resources by reference; only target grants are literal ARNs.
      if (!arns.every((arn): arn is string => typeof arn === 'string')) continue;
      for (const action of [statement.Action].flat()) {
        expect(TARGET_ACTIONS).toContain(action);
        byAction.set(action, [...(byAction.get(action) ?? []), ...arns]);
      }
    }
    expect(Object.fromEntries([...byAction].map(([action, arns]) => [action, arns.sort()]))).toEqual({
      'sns:Publish': targets.sns.sort(),
      'sqs:SendMessage': targets.sqs,
      'sqs:GetQueueUrl': targets.sqs,
      'events:PutEvents': targets.events,
      'lambda:InvokeFunction': targets.lambda.sort(),
    });
  });

  it.each([['*'], ['arn:aws:s3:::alarm-bucket'], ['sns://eu-west-1/123456789012/alarms'], ['arn:aws:sns']])(
    'fails synth naming notifierTargets when it lists %s',
    (target) => {
      expect(() => synthAodh({ notifierTargets: target })).toThrow("context key 'notifierTargets'");
    },
  );
});
