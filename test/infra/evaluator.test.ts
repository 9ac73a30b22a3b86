import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEvaluatorSettings } from '../../functions/runtime/env.js';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { VIRTUAL_SHARDS } from '../../shared/domain/shard.js';
import { synthAodh } from './synth.js';
import { crossStackResolver, environmentOf, logicalId, type Resource, resourceNamed, resources, statementsOf } from './templates.js';

const ITEM_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].map((action) => `dynamodb:${action}`);

interface Target { Arn: unknown; Input: string; RetryPolicy: unknown }

function evaluatorOf(template: Template): Resource {
  return resourceNamed(template, 'AWS::Lambda::Function', 'EvaluatorHandlerFunction');
}

function schedules(template: Template): { expression: string; target: Target; shards: number[] }[] {
  // The listener's rule (on the service bus) has a pattern, not a schedule.
  const scheduled = resources(template, 'AWS::Events::Rule').filter((rule) => rule.Properties.ScheduleExpression !== undefined);
  return scheduled.map((rule) => {
    const [target, ...others] = rule.Properties.Targets as Target[];
    expect(others).toEqual([]);
    if (!target) throw new Error('rule without target');
    return { expression: String(rule.Properties.ScheduleExpression), target, shards: (JSON.parse(target.Input) as { shards: number[] }).shards };
  });
}

describe('evaluator (service stack)', () => {
  let stacks: AodhStacks;
  let service: Template;
  let follow: (value: unknown) => string;
  let ids: Record<'alarms' | 'history' | 'quotas' | 'outbox' | 'queue' | 'deadLetter', string>;

  beforeAll(() => {
    stacks = synthAodh({
      prometheusUrl: 'http://prometheus.internal:9090',
      gnocchiUrl: 'http://gnocchi.internal:8041',
      alarmHistoryTimeToLive: '86400',
      additionalIngestionLag: '5',
    });
    service = Template.fromStack(stacks.service);
    follow = crossStackResolver(Template.fromStack(stacks.stateful));
    const { tables, transitions } = stacks.stateful;
    const id = (construct: Parameters<typeof logicalId>[1]) => logicalId(stacks.stateful, construct);
    ids = { alarms: id(tables.alarms), history: id(tables.history), quotas: id(tables.quotas), outbox: id(tables.outbox), queue: id(transitions.queue), deadLetter: id(transitions.deadLetterQueue) };
  });

  it('is a Node 22 function on arm64 whose timeout is the one-minute interval', () => {
    expect(evaluatorOf(service).Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 60,
    });
    // evaluatorReservedConcurrency's default: an API flood cannot starve the schedules (issue 11 A10).
    expect(evaluatorOf(service).Properties).toMatchObject({ ReservedConcurrentExecutions: 32 });
  });

  it('passes every setting readEvaluatorSettings reads, with the tables and queue of the stateful stack', () => {
    const env = environmentOf(evaluatorOf(service), follow);
    expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'aodh-evaluator' });
    expect(readEvaluatorSettings(env)).toEqual({
      tables: { alarms: ids.alarms, history: ids.history, quotas: ids.quotas, outbox: ids.outbox },
      transitionQueueUrl: ids.queue,
      deadLetterQueueUrl: ids.deadLetter,
      evaluationInterval: 60,
      evaluationConcurrency: 100,
      evaluationSpreadPercent: 0,
      additionalIngestionLag: 5,
      alarmHistoryTimeToLive: 86_400,
      serviceIdentity: { userId: 'aodh', projectId: 'service' },
      // Every source row is read (defaults included), whichever function it is deployed to.
      metricSources: { prometheusUrl: 'http://prometheus.internal:9090', gnocchiUrl: 'http://gnocchi.internal:8041', cloudwatchProjectDimension: 'project_id', cloudwatchTenantNamespaces: [] },
    });
  });

  it('may read alarms and update their state, write history, use the outbox, send to the queue, read metrics: nothing else', () => {
    const grants = new Map<string, Set<string>>();
    for (const statement of statementsOf(service, 'EvaluatorHandlerRole')) {
      expect(statement.Effect).toBe('Allow');
      for (const target of [statement.Resource].flat().map(follow)) {
        const actions = grants.get(target) ?? new Set<string>();
        for (const action of [statement.Action].flat()) actions.add(action);
        grants.set(target, actions);
      }
    }
    const logs = JSON.stringify({ 'Fn::GetAtt': [logicalId(stacks.service, stacks.service.evaluator.function.logGroup), 'Arn'] });
    const [alarms, alarmIndexes, history, outbox, queue, deadLetter] = [`${ids.alarms}.Arn`, `${ids.alarms}.Arn/index/*`, `${ids.history}.Arn`, `${ids.outbox}.Arn`, `${ids.queue}.Arn`, `${ids.deadLetter}.Arn`];
    expect([...grants.keys()].sort()).toEqual([alarms, alarmIndexes, history, outbox, queue, deadLetter, logs, '"*"'].sort());
    expect([...grants.keys()].some((target) => target.includes(ids.quotas))).toBe(false);
    // Resource "*" only where IAM demands it.
    expect([...(grants.get('"*"') ?? [])]).toEqual(['cloudwatch:GetMetricData']);
    expect([...(grants.get(queue) ?? [])]).toEqual(['sqs:SendMessage']);
    expect([...(grants.get(deadLetter) ?? [])]).toEqual(['sqs:SendMessage']);
    expect([...(grants.get(history) ?? [])]).toEqual(['dynamodb:PutItem']);
    const alarmWrites = [...(grants.get(alarms) ?? [])].filter((action) => ITEM_WRITES.includes(action));
    expect(alarmWrites).toEqual(['dynamodb:UpdateItem']);
    expect([...(grants.get(alarms) ?? [])]).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    expect([...(grants.get(alarmIndexes) ?? [])].filter((action) => ITEM_WRITES.includes(action))).toEqual([]);
    expect([...(grants.get(outbox) ?? [])]).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem']),
    );
    expect([...(grants.get(logs) ?? [])].sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('runs every 256 shards each minute across 16 rules, each shard exactly once, never retried', () => {
    const rules = schedules(service);
    expect(rules).toHaveLength(16);
    for (const { expression, target, shards } of rules) {
      expect(expression).toBe('rate(1 minute)');
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvaluatorHandlerFunction/), 'Arn'] });
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
      expect(shards).toHaveLength(VIRTUAL_SHARDS / 16);
    }
    const all = rules.flatMap((rule) => rule.shards).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: VIRTUAL_SHARDS }, (_, shard) => shard));
    const invokers = resources(service, 'AWS::Lambda::Permission').filter(
      (p) => p.Properties.Principal === 'events.amazonaws.com' && JSON.stringify(p.Properties.FunctionName).includes('EvaluatorHandlerFunction'),
    );
    expect(invokers.map((p) => p.Properties.FunctionName)).toEqual(rules.map((rule) => rule.target.Arn));
    // Lambda's own async retries would re-run a stale tick too.
    service.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^EvaluatorHandlerFunction') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
  });

  it('splits the shards into as many rules as evaluatorShardGroups says', () => {
    const rules = schedules(Template.fromStack(synthAodh({ evaluatorShardGroups: '4' }).service));
    expect(rules.map((rule) => rule.shards.length)).toEqual([64, 64, 64, 64]);
    expect(new Set(rules.flatMap((rule) => rule.shards)).size).toBe(VIRTUAL_SHARDS);
  });

  it.each([
    { interval: '10', timeout: 90, rate: 'rate(1 minute)' },
    { interval: '300', timeout: 300, rate: 'rate(5 minutes)' },
    { interval: '3600', timeout: 900, rate: 'rate(1 hour)' },
  ])('with evaluationInterval $interval runs on $rate with a $timeout s timeout', ({ interval, timeout, rate }) => {
    const template = Template.fromStack(synthAodh({ evaluationInterval: interval }).service);
    expect(evaluatorOf(template).Properties).toMatchObject({ Timeout: timeout });
    expect(environmentOf(evaluatorOf(template), String)).toMatchObject({ EVALUATION_INTERVAL: interval });
    expect(new Set(schedules(template).map((rule) => rule.expression))).toEqual(new Set([rate]));
  });

  it.each([
    ['evaluationInterval', '7'],
    ['evaluationInterval', '90'],
    ['evaluationInterval', '0'],
    ['evaluatorShardGroups', '3'],
    ['evaluatorShardGroups', '512'],
    ['evaluationConcurrency', '0'],
    ['additionalIngestionLag', '-1'],
    ['prometheusUrl', 'prometheus:9090'],
  ])('fails synth naming the key when %s is %s', (key, value) => {
    expect(() => synthAodh({ [key]: value })).toThrow(`context key '${key}'`);
  });
});
