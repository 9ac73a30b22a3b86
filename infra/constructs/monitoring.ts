import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  /** The transition queue's DLQ: a message there is a notification that was never delivered. */
  deadLetterQueue: IQueue;
}

/**
 * Operability alarms. For now only the dead-letter queue's; dashboards, the other alarms
 * (function errors, throttles, queue age) and where alarms notify come with the deployment issue.
 */
export class Monitoring extends Construct {
  readonly deadLetters: Alarm;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    // Any dead letter needs a human (fix the target, then `npm run dlq:replay`), so the first
    // one raises the alarm. Maximum: a letter visible at any moment of the minute counts.
    this.deadLetters = new Alarm(this, 'DeadLetters', {
      alarmDescription: 'Alarm notifications failed for good and wait in the dead-letter queue for inspection and replay',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.seconds(60), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // SQS publishes metrics only for active queues; an empty DLQ nobody touches goes quiet, which means no letters.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
