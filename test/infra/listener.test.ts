import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readListenerSettings } from '../../functions/runtime/env.js';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { listenerEventPattern } from '../../infra/constructs/listener.js';
import { LISTENER_EVENT_PATTERN } from '../../shared/listener/rule-pattern.js';
import { synthAodh } from './synth.js';
import { crossStackResolver, environmentOf, logicalId, type Resource, resourceNamed, resources, statementsOf } from './templates.js';

const HOUR = 3600;
type Construct = Parameters<typeof logicalId>[1];

describe('listener', () => {
  let stacks: AodhStacks;
  let stateful: Template;
  let service: Template;
  let follow: (value: unknown) => string;
  let ids: Record<'alarms' | 'history' | 'quotas' | 'outbox' | 'queue' | 'transitionDeadLetter' | 'bus' | 'deadLetter' | 'function' | 'rule', string>;

  const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
  const listenerFunction = () => resourceNamed(service, 'AWS::Lambda::Function', 'ListenerHandlerFunction');
  const listenerRule = (): Resource => service.toJSON().Resources[ids.rule] as Resource;

  beforeAll(() => {
    stacks = synthAodh({ eventAlarmCacheTtl: '15', alarmHistoryTimeToLive: '86400', serviceUserId: 'svc-aodh', serviceProjectId: 'services' });
    stateful = Template.fromStack(stacks.stateful);
    service = Template.fromStack(stacks.service);
    follow = crossStackResolver(stateful);
    const { tables, transitions, eventBus } = stacks.stateful;
    const { listener } = stacks.service;
    const inStateful = (construct: Construct) => logicalId(stacks.stateful, construct);
    const inService = (construct: Construct) => logicalId(stacks.service, construct);
    ids = {
      alarms: inStateful(tables.alarms), history: inStateful(tables.history), quotas: inStateful(tables.quotas),
      outbox: inStateful(tables.outbox), queue: inStateful(transitions.queue), transitionDeadLetter: inStateful(transitions.deadLetterQueue), bus: inStateful(eventBus),
      deadLetter: inService(listener.deadLetterQueue), function: inService(listener.function.fn), rule: inService(listener.rule),
    };
  });

  describe('event bus (stateful stack)', () => {
    it('is one bus named after the stage, so producers can address it', () => {
      expect(resources(stateful, 'AWS::Events::EventBus').map((bus) => bus.Properties.Name)).toEqual(['aodh-dev-events']);
      const prod = Template.fromStack(synthAodh({ stage: 'prod' }).stateful);
      prod.hasResourceProperties('AWS::Events::EventBus', { Name: 'aodh-prod-events' });
    });

    it('publishes its name and ARN as plain outputs (not exports)', () => {
      const outputs = stateful.findOutputs('*');
      expect(outputs.EventBusName).toMatchObject({ Value: { Ref: ids.bus } });
      expect(outputs.EventBusArn).toMatchObject({ Value: getAtt(ids.bus) });
      expect(outputs.EventBusName).not.toHaveProperty('Export');
      expect(outputs.EventBusArn).not.toHaveProperty('Export');
    });
  });

  describe('rule (service stack)', () => {
    it("sits on the service's bus with exactly LISTENER_EVENT_PATTERN", () => {
      expect(resources(service, 'AWS::Events::Rule').filter((rule) => rule.Properties.EventPattern !== undefined)).toHaveLength(1);
      expect(follow(listenerRule().Properties.EventBusName)).toBe(ids.bus);
      expect(listenerRule().Properties.EventPattern).toEqual(LISTENER_EVENT_PATTERN);
      expect(listenerRule().Properties.State).toBe('ENABLED');
      // A copy: CDK merges later patterns into what it holds, which must never reach the shared constant.
      expect(listenerEventPattern()).not.toBe(LISTENER_EVENT_PATTERN);
    });

    it('targets the listen function with the event as is, a bounded retry policy and the dead-letter queue', () => {
      const targets = listenerRule().Properties.Targets as unknown[];
      expect(targets).toHaveLength(1);
      expect(targets[0]).toMatchObject({
        Arn: getAtt(ids.function),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: HOUR },
        DeadLetterConfig: { Arn: getAtt(ids.deadLetter) },
      });
      expect(targets[0]).not.toHaveProperty('Input');
      const fromRule = JSON.stringify(getAtt(ids.rule));
      const invokers = resources(service, 'AWS::Lambda::Permission').filter((p) => JSON.stringify(p.Properties.SourceArn) === fromRule);
      expect(invokers.map((p) => p.Properties)).toEqual([
        { Action: 'lambda:InvokeFunction', FunctionName: getAtt(ids.function), Principal: 'events.amazonaws.com', SourceArn: getAtt(ids.rule) },
      ]);
    });

    it("bounds Lambda's own retries of handler errors the same way and dead-letters what still fails", () => {
      // EventBridge counts an accepted async invoke as delivered: handler errors are Lambda's to retry.
      const [config, ...others] = resources(service, 'AWS::Lambda::EventInvokeConfig').filter(
        (c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: ids.function }),
      );
      expect(others).toEqual([]);
      expect(config?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: HOUR,
        DestinationConfig: { OnFailure: { Destination: getAtt(ids.deadLetter) } },
      });
    });

    it('dead-letters into a standard, encrypted, TLS-only queue kept 14 days, writable by this rule only', () => {
      expect((service.toJSON().Resources[ids.deadLetter] as Resource).Properties).toEqual({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * HOUR,
        Tags: expect.any(Array),
      });
      const [policy, ...others] = resources(service, 'AWS::SQS::QueuePolicy');
      expect(others).toEqual([]);
      expect(policy?.Properties.Queues).toEqual([{ Ref: ids.deadLetter }]);
      expect((policy?.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': getAtt(ids.rule) } },
        }),
      ]);
    });
  });

  describe('function (service stack)', () => {
    it('is a Node 22 function on arm64, 512 MB, 30 s', () => {
      expect(listenerFunction().Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 30,
      });
    });

    it('passes exactly what readListenerSettings reads, with the tables and queue of the stateful stack', () => {
      const env = environmentOf(listenerFunction(), follow);
      expect(Object.keys(env).sort()).toEqual(
        ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'ALARMS_TABLE', 'HISTORY_TABLE', 'QUOTAS_TABLE', 'OUTBOX_TABLE']
          .concat(['TRANSITION_QUEUE_URL', 'DEAD_LETTER_QUEUE_URL', 'EVENT_ALARM_CACHE_TTL', 'ALARM_HISTORY_TIME_TO_LIVE', 'SERVICE_USER_ID', 'SERVICE_PROJECT_ID'])
          .sort(),
      );
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('aodh-listener');
      expect(readListenerSettings(env)).toEqual({
        tables: { alarms: ids.alarms, history: ids.history, quotas: ids.quotas, outbox: ids.outbox },
        transitionQueueUrl: ids.queue,
        deadLetterQueueUrl: ids.transitionDeadLetter,
        eventAlarmCacheTtl: 15,
        alarmHistoryTimeToLive: 86_400,
        serviceIdentity: { userId: 'svc-aodh', projectId: 'services' },
      });
      const defaults = Template.fromStack(synthAodh().service);
      const fn = resourceNamed(defaults, 'AWS::Lambda::Function', 'ListenerHandlerFunction');
      expect(readListenerSettings(environmentOf(fn, follow)).eventAlarmCacheTtl).toBe(60);
    });

    it('may query the event index, read and update alarms, write history and the outbox, send transitions, dead-letter: nothing else', () => {
      const grants = new Map<string, string[]>();
      for (const statement of statementsOf(service, 'ListenerHandlerRole')) {
        expect(statement.Effect).toBe('Allow');
        for (const target of [statement.Resource].flat().map(follow)) {
          grants.set(target, [...(grants.get(target) ?? []), ...[statement.Action].flat()].sort());
        }
      }
      const logs = JSON.stringify(getAtt(logicalId(stacks.service, stacks.service.listener.function.logGroup)));
      const deadLetter = JSON.stringify(getAtt(ids.deadLetter));
      const outbox = `${ids.outbox}.Arn`;
      const { [outbox]: outboxActions, ...exact } = Object.fromEntries(grants);
      expect(exact).toEqual({
        [`${ids.alarms}.Arn`]: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        // One index, never the table-wide `/index/*`, and never a Scan.
        [`${ids.alarms}.Arn/index/by-event-project`]: ['dynamodb:Query'],
        [`${ids.history}.Arn`]: ['dynamodb:PutItem'],
        [`${ids.queue}.Arn`]: ['sqs:SendMessage'],
        // What the transition queue can never take is parked in its DLQ.
        [`${ids.transitionDeadLetter}.Arn`]: ['sqs:SendMessage'],
        // Lambda's on-failure destination is sent with the function's role.
        [deadLetter]: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        [logs]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      });
      // The outbox is read/write, as the evaluator's (CDK's grant; its exact list moves with CDK).
      expect(outboxActions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query']));
      expect(outboxActions?.every((action) => action.startsWith('dynamodb:'))).toBe(true);
      const { tables } = stacks.stateful;
      const untouched = [ids.quotas, logicalId(stacks.stateful, tables.deliveries), logicalId(stacks.stateful, tables.counters)];
      expect([...grants.keys()].filter((target) => untouched.some((id) => target.includes(id)))).toEqual([]);
      expect([...grants.keys()].filter((target) => target.includes('*'))).toEqual([]);
    });
  });

  it('alarms as soon as one event is visible in its dead-letter queue, like the transition DLQ', () => {
    const alarm = resourceNamed(service, 'AWS::CloudWatch::Alarm', 'MonitoringListenerDeadLetters');
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(ids.deadLetter, 'QueueName') }],
    });
  });

  describe('eventAlarmCacheTtl setting', () => {
    it.each(['0', '600'])('accepts %s seconds', (ttl) => {
      expect(synthAodh({ eventAlarmCacheTtl: ttl }).settings.eventAlarmCacheTtl).toBe(Number(ttl));
    });

    it.each(['-1', '1.5', 'soon'])('fails synth naming the key when it is %s', (ttl) => {
      expect(() => synthAodh({ eventAlarmCacheTtl: ttl })).toThrow("context key 'eventAlarmCacheTtl' must be a number of seconds ≥ 0");
    });
  });
});
