import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthAodh } from './synth.js';
import { crossStackResolver, logicalId, resourceNamed, resources } from './templates.js';

describe('monitoring (service stack)', () => {
  it('alarms as soon as one message is visible in the dead-letter queue, over one 60 s period', () => {
    const stacks = synthAodh();
    const follow = crossStackResolver(Template.fromStack(stacks.stateful));
    const service = Template.fromStack(stacks.service);
    // The other one watches the listener's DLQ (listener.test.ts).
    expect(resources(service, 'AWS::CloudWatch::Alarm')).toHaveLength(2);
    const alarm = resourceNamed(service, 'AWS::CloudWatch::Alarm', 'MonitoringDeadLetters');
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      // An idle, empty queue publishes no metrics: that is the healthy case, not a breach.
      TreatMissingData: 'notBreaching',
    });
    const dimensions = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
    const deadLetter = logicalId(stacks.stateful, stacks.stateful.transitions.deadLetterQueue);
    expect(dimensions.map(({ Name, Value }) => [Name, follow(Value)])).toEqual([['QueueName', `${deadLetter}.QueueName`]]);
  });
});
