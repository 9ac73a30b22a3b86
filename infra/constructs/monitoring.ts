import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  /** The transition queue's DLQ: a message there is a notification that was never delivered. */
  deadLetterQueue: IQueue;
  /** The listener's DLQ: a message there is an event that event alarms were never evaluated against. */
  listenerDeadLetterQueue: IQueue;
}

/**
 * Operability alarms. For now only the dead-letter queues'; dashboards, the other alarms
 * (function errors, throttles, queue age) and where alarms notify come with the deployment issue.
 */
export class Monitoring extends Construct {
  readonly deadLetters: Alarm;
  readonly listenerDeadLetters: Alarm;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.deadLetters = this.deadLetterAlarm(
      'DeadLetters',
      props.deadLetterQueue,
      'Alarm notifications failed for good and wait in the dead-letter queue for inspection and replay',
    );
    this.listenerDeadLetters = this.deadLetterAlarm(
      'ListenerDeadLetters',
      props.listenerDeadLetterQueue,
      'Events were not evaluated against event alarms (delivery or listener failures) and wait in the listener dead-letter queue',
    );
  }

  /**
   * Any dead letter needs a human (fix the cause, then replay), so the first one raises the
   * alarm. Maximum: a letter visible at any moment of the minute counts.
   */
  private deadLetterAlarm(id: string, queue: IQueue, alarmDescription: string): Alarm {
    return new Alarm(this, id, {
      alarmDescription,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.seconds(60), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // SQS publishes metrics only for active queues; an empty DLQ nobody touches goes quiet, which means no letters.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
