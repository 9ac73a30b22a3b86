import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AlarmApi } from '../constructs/alarm-api.js';
import type { AlarmTableSet } from '../constructs/alarm-tables.js';
import { Console } from '../constructs/console.js';
import { Evaluator } from '../constructs/evaluator.js';
import { Listener } from '../constructs/listener.js';
import { Monitoring } from '../constructs/monitoring.js';
import { Notifier } from '../constructs/notifier.js';
import type { DeploySettings } from '../settings.js';

export interface ServiceStackProps extends StackProps {
  settings: DeploySettings;
  /** From the stateful stack; passed in so this stack owns no data. */
  tables: AlarmTableSet;
  /** The FIFO transition queue, also from the stateful stack. */
  transitionQueue: IQueue;
  /** Its dead-letter queue: the notifier (and the transition writers, for what the queue can never take) write there; monitoring watches its depth. */
  deadLetterQueue: IQueue;
  /** The service's event bus (stateful stack); the listener's rule sits on it. */
  eventBus: IEventBus;
}

/** The stateless part: functions, API, schedules, rules, alarms. Composes constructs only. */
export class ServiceStack extends Stack {
  readonly api: AlarmApi;
  readonly evaluator: Evaluator;
  readonly listener: Listener;
  readonly notifier: Notifier;
  readonly monitoring: Monitoring;
  /** Unless `deployConsole` is false. */
  readonly console?: Console;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { settings, tables, transitionQueue, deadLetterQueue, eventBus } = props;
    this.api = new AlarmApi(this, 'Api', { tables, settings });
    if (settings.deployConsole) this.console = new Console(this, 'Console', { httpApi: this.api.httpApi });
    this.evaluator = new Evaluator(this, 'Evaluator', { tables, transitionQueue, deadLetterQueue, settings });
    this.listener = new Listener(this, 'Listener', { tables, transitionQueue, deadLetterQueue, eventBus, settings });
    this.notifier = new Notifier(this, 'Notifier', { tables, transitionQueue, deadLetterQueue, settings });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: settings.stage,
      functions: {
        api: this.api.function.fn,
        evaluator: this.evaluator.function.fn,
        listener: this.listener.function.fn,
        notifier: this.notifier.function.fn,
      },
      evaluationInterval: settings.evaluationInterval,
      httpApi: this.api.httpApi,
      transitionQueue,
      deadLetterQueue,
      listenerDeadLetterQueue: this.listener.deadLetterQueue,
    });
  }
}
