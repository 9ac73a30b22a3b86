import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, OUTBOX_METRICS } from '../../shared/observability/metrics.js';
import { ServiceDashboard } from './service-dashboard.js';

/** The service's functions by role; the keys name their alarms (`ApiErrors`, `EvaluatorThrottles`…). */
export type ServiceFunctions = {
  api: IFunction;
  evaluator: IFunction;
  listener: IFunction;
  notifier: IFunction;
};

export interface MonitoringProps {
  /** Part of the dashboard's name (`aodh-<stage>`). */
  stage: string;
  functions: ServiceFunctions;
  /** The evaluator's schedule, in seconds (settings.evaluationInterval). */
  evaluationInterval: number;
  httpApi: IHttpApi;
  /** The FIFO transition queue (dashboard: depth and age of its oldest message). */
  transitionQueue: IQueue;
  /** The transition queue's DLQ: a message there is a notification that was never delivered. */
  deadLetterQueue: IQueue;
  /** The listener's DLQ: a message there is an event that event alarms were never evaluated against. */
  listenerDeadLetterQueue: IQueue;
}

/** Errors and throttles are counted over five minutes: short enough to page on, long enough to batch a burst. */
const FUNCTION_PERIOD = Duration.minutes(5);
/** Schedules tick at most once a minute; a sub-minute interval runs its rounds inside that minute. */
const TICK_SECONDS = 60;
/** Lambda's ceiling, which also caps the evaluator's timeout for longer intervals. */
const MAX_TIMEOUT_SECONDS = 900;
/** "Near its interval": a run this long leaves too little headroom before the next tick overlaps it. */
const DURATION_BUDGET_FRACTION = 0.8;

/** An outbox entry re-sent this many cycles without leaving is stuck, not merely delayed. */
const OUTBOX_STUCK_CYCLES = 3;

/**
 * Age (s) of the oldest outbox entry above which the outbox alarm fires: that many cycles
 * of its shard (a cycle is the interval, at least the one-minute tick).
 */
export function outboxAgeThresholdSeconds(intervalSeconds: number): number {
  return OUTBOX_STUCK_CYCLES * Math.max(TICK_SECONDS, intervalSeconds);
}

/**
 * The time one evaluator invocation has before the next tick: the interval (from 60 s up, and
 * at most Lambda's 900 s timeout), or the whole minute when sub-minute rounds share one tick.
 */
export function evaluatorDurationBudgetSeconds(intervalSeconds: number): number {
  return intervalSeconds < TICK_SECONDS ? TICK_SECONDS : Math.min(intervalSeconds, MAX_TIMEOUT_SECONDS);
}

/** The Duration (Maximum, milliseconds) above which the evaluator alarm fires. */
export function evaluatorDurationThresholdMs(intervalSeconds: number): number {
  return DURATION_BUDGET_FRACTION * evaluatorDurationBudgetSeconds(intervalSeconds) * 1000;
}

/**
 * Alarms on the service itself, and its dashboard. Every alarm fires on the first bad
 * sample: each one (a failed invocation, a throttle, a dead letter, a slow evaluation
 * round) already means alarms were not evaluated or notifications not delivered on time.
 * Missing data is healthy everywhere: idle functions and empty queues publish nothing.
 */
export class Monitoring extends Construct {
  readonly deadLetters: Alarm;
  readonly listenerDeadLetters: Alarm;
  readonly functionErrors: Alarm[];
  readonly functionThrottles: Alarm[];
  readonly evaluatorDuration: Alarm;
  readonly outboxAge: Alarm;
  readonly dashboard: ServiceDashboard;

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
    const functions = Object.entries(props.functions) as [keyof ServiceFunctions, IFunction][];
    this.functionErrors = functions.map(([role, fn]) =>
      this.anyAlarm(
        `${capitalize(role)}Errors`,
        fn.metricErrors({ period: FUNCTION_PERIOD, statistic: 'Sum' }),
        `The ${role} function failed invocations (unhandled errors or timeouts); see its logs`,
      ),
    );
    // Throttled invocations are retried by their source, but each one delays evaluation or delivery.
    this.functionThrottles = functions.map(([role, fn]) =>
      this.anyAlarm(
        `${capitalize(role)}Throttles`,
        fn.metricThrottles({ period: FUNCTION_PERIOD, statistic: 'Sum' }),
        `The ${role} function was throttled (account or reserved concurrency exhausted)`,
      ),
    );
    const thresholdMs = evaluatorDurationThresholdMs(props.evaluationInterval);
    this.evaluatorDuration = new Alarm(this, 'EvaluatorDurationNearInterval', {
      alarmDescription:
        `An evaluator run took over ${thresholdMs / 1000} s, ${DURATION_BUDGET_FRACTION * 100}% of the ` +
        `${evaluatorDurationBudgetSeconds(props.evaluationInterval)} s until the next tick: add shard groups or concurrency before runs overlap or time out`,
      // Maximum: one slow shard group is enough; an average would hide it among fast ones.
      metric: props.functions.evaluator.metricDuration({ period: FUNCTION_PERIOD, statistic: 'Maximum' }),
      threshold: thresholdMs,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // The evaluator publishes it (Embedded Metric Format, shared/transitions/hand-off.ts) for a
    // shard whose outbox is not empty when its cycle starts; nothing published is healthy.
    const outboxThreshold = outboxAgeThresholdSeconds(props.evaluationInterval);
    this.outboxAge = new Alarm(this, 'OutboxStuck', {
      alarmDescription:
        `A recorded transition has waited over ${outboxThreshold} s in the outbox (${OUTBOX_STUCK_CYCLES} evaluation cycles): ` +
        'the transition queue (or its dead-letter queue) keeps refusing it; see the evaluator\'s "kept in the outbox" log lines',
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: OUTBOX_METRICS.oldestAge,
        dimensionsMap: { FunctionName: props.functions.evaluator.functionName },
        period: FUNCTION_PERIOD,
        statistic: 'Maximum',
      }),
      threshold: outboxThreshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.dashboard = new ServiceDashboard(this, 'Dashboard', props);
  }

  /**
   * Any dead letter needs a human (fix the cause, then replay), so the first one raises the
   * alarm. Maximum over a minute: a letter visible at any moment of it counts.
   */
  private deadLetterAlarm(id: string, queue: IQueue, alarmDescription: string): Alarm {
    return this.anyAlarm(
      id,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.seconds(60), statistic: 'Maximum' }),
      alarmDescription,
    );
  }

  /** Fires when `metric` is above zero in one period. */
  private anyAlarm(id: string, metric: IMetric, alarmDescription: string): Alarm {
    return new Alarm(this, id, {
      alarmDescription,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

function capitalize(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
