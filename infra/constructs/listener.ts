import { Duration, Validations } from 'aws-cdk-lib';
import { type EventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LISTENER_EVENT_PATTERN } from '../../shared/listener/rule-pattern.js';
import { environmentOf } from '../../shared/settings/environment.js';
import { deployEnvironment } from '../function-environment.js';
import type { DeploySettings } from '../settings.js';
import { AodhFunction } from './aodh-function.js';
import type { AlarmTableSet } from './alarm-tables.js';

export interface ListenerProps {
  tables: AlarmTableSet;
  /** The FIFO transition queue; the listener only sends to it, as the evaluator does. */
  transitionQueue: IQueue;
  /** Its dead-letter queue: a transition the queue can never take (too large) is parked there. */
  deadLetterQueue: IQueue;
  /** The service's bus (stateful stack), where other services put their events. */
  eventBus: IEventBus;
  settings: DeploySettings;
}

/** One event is one small batch of candidate checks; 30 s leaves DynamoDB and SQS retries room. */
export const LISTEN_TIMEOUT = Duration.seconds(30);
/** Attempts after the first, and how long an event stays worth delivering: an alarm firing hours late misleads. */
export const LISTEN_RETRY_ATTEMPTS = 2;
export const LISTEN_MAX_EVENT_AGE = Duration.hours(1);
/** SQS's longest: a human has two weeks to look at what was never evaluated. */
const DEAD_LETTER_RETENTION = Duration.days(14);


/**
 * CDK's EventPattern types every field as string[] (its matchers are tokens posing as
 * strings) yet renders whatever JSON it is given, so the shared pattern goes in as it is;
 * restating it with CDK's Match helpers could drift from the local bus. Cloned because
 * CDK merges later patterns into the objects it holds.
 */
export function listenerEventPattern(): EventPattern {
  return structuredClone(LISTENER_EVENT_PATTERN) as unknown as EventPattern;
}

/**
 * Aodh's aodh-listener: an EventBridge rule on the service's bus invokes the listen
 * function with each event, which fires the matching event alarms through the evaluator's
 * transition code (functions/listen/handler.ts). Invalid events are logged and skipped by
 * the handler; only infrastructure failures fail an invocation, and those are retried a
 * bounded number of times, then kept in a dead-letter queue.
 */
export class Listener extends Construct {
  readonly function: AodhFunction;
  readonly rule: Rule;
  /** Events that could not be delivered or processed, kept for inspection. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ListenerProps) {
    super(scope, id);
    const { settings, transitionQueue, eventBus } = props;

    this.function = new AodhFunction(this, 'Handler', {
      entry: 'functions/listen/handler.ts',
      serviceName: 'aodh-listener',
      description: 'Aodh listener: fires the event alarms matching an event from the service bus',
      logRetention: settings.logRetentionDays,
      memorySize: 512,
      timeout: LISTEN_TIMEOUT,
      reservedConcurrency: settings.listenerReservedConcurrency,
      environment: { ...environmentOf({ transitionQueueUrl: transitionQueue.queueUrl, deadLetterQueueUrl: props.deadLetterQueue.queueUrl }), ...deployEnvironment('listener', settings) },
    });
    this.grantAccess(props);

    // Events carry other services' data: encrypted at rest without KMS grants to manage, and
    // refused over plain HTTP. Standard, not FIFO: EventBridge cannot dead-letter into FIFO.
    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "It is itself a dead-letter queue (the rule target's DLQ and the function's async on-failure destination), " +
        'which cdk-nag does not recognise; a DLQ of a DLQ would only move the same messages further away',
    });

    // Two layers, because EventBridge invokes Lambda asynchronously: the rule's retry policy
    // and DLQ cover only *delivery* (the Invoke call failing: permissions, a missing function,
    // throttled hand-over); once Lambda has accepted an event, EventBridge counts it delivered
    // and never sees the handler's error. Function errors are retried by Lambda's own async
    // queue, so that layer gets the same bounds and sends what still fails to the same DLQ.
    // The layers never retry the same failure, so neither multiplies the other's attempts.
    // Record shapes differ: the rule's DLQ receives the event itself (error in message
    // attributes), the Lambda destination an invocation record with it as `requestPayload`.
    this.function.fn.configureAsyncInvoke({
      retryAttempts: LISTEN_RETRY_ATTEMPTS,
      maxEventAge: LISTEN_MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.rule = new Rule(this, 'Events', {
      eventBus,
      description: 'Aodh listener: every event on the bus except Aodh\'s own notifications',
      eventPattern: listenerEventPattern(),
      targets: [
        new LambdaFunction(this.function.fn, {
          retryAttempts: LISTEN_RETRY_ATTEMPTS,
          maxEventAge: LISTEN_MAX_EVENT_AGE,
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }

  /** What the listen handler does (candidates, the transition write, the hand-off), and nothing more. */
  private grantAccess({ tables, transitionQueue, deadLetterQueue }: ListenerProps): void {
    // Tables: exactly the access schema.ts declares for the listener on each.
    this.function.bindTables('listener', tables, { evaluationResultsMetrics: false });
    // SendMessageBatch is authorized by sqs:SendMessage; URL and attributes come from env. The DLQ
    // takes (SendMessage) what the transition queue never can, with its reason.
    Grant.addToPrincipal({ grantee: this.function.fn, actions: ['sqs:SendMessage'], resourceArns: [transitionQueue.queueArn, deadLetterQueue.queueArn] });
  }
}
