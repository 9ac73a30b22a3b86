import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { evaluatorDurationThresholdMs, outboxAgeThresholdSeconds } from '../../infra/constructs/monitoring.js';
import { synthAodh } from './synth.js';
import { crossStackResolver, type Json, logicalId, resourceNamed, resources } from './templates.js';

const ROLES = ['Api', 'Evaluator', 'Listener', 'Notifier'];
const ANY = { EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching' };

describe('monitoring (service stack)', () => {
  const stacks = synthAodh();
  const service = Template.fromStack(stacks.service);

  it('has exactly the two DLQ alarms, per-function errors and throttles, the evaluator duration alarm and the outbox alarm', () => {
    const names = Object.keys(service.findResources('AWS::CloudWatch::Alarm')).map((id) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(names.sort()).toEqual(
      [
        'MonitoringDeadLetters',
        'MonitoringListenerDeadLetters',
        'MonitoringEvaluatorDurationNearInterval',
        'MonitoringOutboxStuck',
        ...ROLES.flatMap((role) => [`Monitoring${role}Errors`, `Monitoring${role}Throttles`]),
      ].sort(),
    );
  });

  it('alarms as soon as one message is visible in the dead-letter queue, over one 60 s period', () => {
    const follow = crossStackResolver(Template.fromStack(stacks.stateful));
    const alarm = resourceNamed(service, 'AWS::CloudWatch::Alarm', 'MonitoringDeadLetters');
    // An idle, empty queue publishes no metrics: that is the healthy case, not a breach.
    expect(alarm.Properties).toMatchObject({ ...ANY, Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Period: 60 });
    const dimensions = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
    const deadLetter = logicalId(stacks.stateful, stacks.stateful.transitions.deadLetterQueue);
    expect(dimensions.map(({ Name, Value }) => [Name, follow(Value)])).toEqual([['QueueName', `${deadLetter}.QueueName`]]);
  });

  it.each(ROLES.flatMap((role) => [[role, 'Errors'], [role, 'Throttles']]))('%s %s: any in one 5-minute sum, on that function', (role, metric) => {
    const alarm = resourceNamed(service, 'AWS::CloudWatch::Alarm', `Monitoring${role}${metric}`);
    expect(alarm.Properties).toMatchObject({ ...ANY, Namespace: 'AWS/Lambda', MetricName: metric, Statistic: 'Sum', Period: 300 });
    const fn = stacks.service[role.toLowerCase() as 'api' | 'evaluator' | 'listener' | 'notifier'].function.fn;
    expect(alarm.Properties.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: logicalId(stacks.service, fn) } }]);
  });

  it('alarms when the evaluator reports an outbox entry older than three cycles (its EMF metric, on that function)', () => {
    const alarm = resourceNamed(service, 'AWS::CloudWatch::Alarm', 'MonitoringOutboxStuck');
    expect(alarm.Properties).toMatchObject({ ...ANY, Threshold: 180, Namespace: 'Aodh', MetricName: 'OutboxOldestAgeSeconds', Statistic: 'Maximum', Period: 300 });
    expect(alarm.Properties.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: logicalId(stacks.service, stacks.service.evaluator.function.fn) } }]);
    expect([outboxAgeThresholdSeconds(10), outboxAgeThresholdSeconds(60), outboxAgeThresholdSeconds(300)]).toEqual([180, 180, 900]);
  });

  it.each([
    [60, 48_000],
    [300, 240_000],
    [3600, 720_000],
    [10, 48_000],
    [30, 48_000],
  ])('evaluator duration: interval %i s alarms above %i ms (80% of the time to the next tick)', (interval, thresholdMs) => {
    expect(evaluatorDurationThresholdMs(interval)).toBe(thresholdMs);
    const template = interval === 60 ? service : Template.fromStack(synthAodh({ evaluationInterval: String(interval) }).service);
    const alarm = resourceNamed(template, 'AWS::CloudWatch::Alarm', 'MonitoringEvaluatorDurationNearInterval');
    expect(alarm.Properties).toMatchObject({
      ...ANY,
      Threshold: thresholdMs,
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Period: 300,
    });
  });

  it('has one dashboard, aodh-<stage>, with API, per-function, transition queue and DLQ widgets', () => {
    const [dashboard] = resources(service, 'AWS::CloudWatch::Dashboard');
    expect(resources(service, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
    expect(dashboard?.Properties.DashboardName).toBe('aodh-dev');
    // The body is a Join of JSON text and references; any placeholder string keeps it valid JSON.
    const [, parts] = (dashboard?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'REF')).join('')) as { widgets: { properties: Json }[] };
    const titles = body.widgets.map((widget) => widget.properties.title);
    expect(titles).toEqual([
      'API requests and 5xx',
      'API latency',
      'api function',
      'evaluator function',
      'listener function',
      'notifier function',
      'Transition queue',
      'Dead-letter queues',
    ]);
    const metricNames = new Set(body.widgets.flatMap((widget) => (widget.properties.metrics as string[][]).map((metric) => metric[1])));
    expect([...metricNames].sort()).toEqual(
      ['5xx', 'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'Count', 'Duration', 'Errors', 'Invocations', 'Latency'].sort(),
    );
  });
});
