import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ServiceDashboardProps {
  stage: string;
  functions: Record<string, IFunction>;
  httpApi: IHttpApi;
  transitionQueue: IQueue;
  deadLetterQueue: IQueue;
  listenerDeadLetterQueue: IQueue;
}

/** One minute: the evaluator's tick, so a missed or slow round shows as its own point. */
const PERIOD = Duration.minutes(1);
/** Half the 24-column grid: two graphs a row. */
const WIDTH = 12;

/**
 * The one page an operator opens first (`aodh-<stage>`): is the API answering, are the
 * functions failing or slow, is the transition queue draining, is anything dead-lettered.
 */
export class ServiceDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Resource', {
      dashboardName: `aodh-${props.stage}`,
      // Long enough to see a daily pattern and the last deploy; widgets can still be zoomed.
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(...this.apiWidgets(props.httpApi));
    this.dashboard.addWidgets(...Object.entries(props.functions).map(([role, fn]) => functionWidget(role, fn)));
    this.dashboard.addWidgets(...this.queueWidgets(props));
  }

  private apiWidgets(api: IHttpApi): IWidget[] {
    return [
      new GraphWidget({
        title: 'API requests and 5xx',
        width: WIDTH,
        left: [api.metricCount({ period: PERIOD, label: 'Requests' })],
        right: [api.metricServerError({ period: PERIOD, label: '5xx' })],
      }),
      new GraphWidget({
        title: 'API latency',
        width: WIDTH,
        left: [
          api.metricLatency({ period: PERIOD, statistic: 'p50', label: 'p50' }),
          api.metricLatency({ period: PERIOD, statistic: 'p99', label: 'p99' }),
        ],
      }),
    ];
  }

  private queueWidgets(props: ServiceDashboardProps): IWidget[] {
    return [
      new GraphWidget({
        title: 'Transition queue',
        width: WIDTH,
        left: [props.transitionQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'Depth' })],
        // Growing age with a steady depth means the notifier is stuck on some message groups.
        right: [props.transitionQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: 'Oldest message (s)' })],
      }),
      new GraphWidget({
        title: 'Dead-letter queues',
        width: WIDTH,
        left: [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'Notifications' }),
          props.listenerDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'Listener events' }),
        ],
      }),
    ];
  }
}

/** Counts on the left, Duration (ms, different scale) on the right. */
function functionWidget(role: string, fn: IFunction): IWidget {
  return new GraphWidget({
    title: `${role} function`,
    width: WIDTH,
    left: [
      fn.metricInvocations({ period: PERIOD, statistic: 'Sum', label: 'Invocations' }),
      fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: 'Errors' }),
    ],
    right: [fn.metricDuration({ period: PERIOD, statistic: 'Maximum', label: 'Duration max (ms)' })],
  });
}
