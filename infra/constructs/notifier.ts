import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TRANSITION_QUEUE_SPEC } from '../../shared/adapters/sqs/queue-spec.js';
import { environmentOf } from '../../shared/settings/environment.js';
import { deployEnvironment } from '../function-environment.js';
import type { DeploySettings } from '../settings.js';
import { AodhFunction } from './aodh-function.js';
import type { AlarmTableSet } from './alarm-tables.js';

export interface NotifierProps {
  tables: AlarmTableSet;
  /** The FIFO transition queue the notifier consumes. */
  transitionQueue: IQueue;
  /** Its FIFO dead-letter queue: the notifier parks failures there itself, with their reason. */
  deadLetterQueue: IQueue;
  settings: DeploySettings;
}

/**
 * AWS asks for a visibility timeout of at least 6× the function timeout on an SQS event
 * source, so a throttled or retried invocation cannot see its batch reappear mid-run. The
 * queue's 60 s visibility therefore caps the function at 10 s; the delivery budget
 * (DEFAULT_RETRY_POLICY.deadlineMs, 8 s) fits inside it.
 */
export const NOTIFY_TIMEOUT = Duration.seconds(10);
/** Records per invocation: the FIFO maximum. The handler runs message groups in parallel. */
export const NOTIFY_BATCH_SIZE = 10;

/** IAM actions each AWS-native action scheme needs, keyed by the ARN's service. */
export const NOTIFIER_TARGET_ACTIONS = {
  sns: ['sns:Publish'],
  // The sqs:// notifier looks the queue URL up once (GetQueueUrl), then sends to it.
  sqs: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
  events: ['events:PutEvents'],
  lambda: ['lambda:InvokeFunction'],
} as const;

type TargetService = keyof typeof NOTIFIER_TARGET_ACTIONS;

function serviceOf(arn: string): TargetService {
  const service = arn.split(':')[2];
  // readDeploySettings already refused anything else; this only narrows the type.
  if (service === undefined || !(service in NOTIFIER_TARGET_ACTIONS)) throw new Error(`not a notifier target ARN: ${arn}`);
  return service as TargetService;
}

/**
 * Aodh's aodh-notifier: delivers each transition from the FIFO queue to the alarm's actions
 * (functions/notify/app.ts), reporting partial batch failures so that only unfinished
 * records come back, and dead-lettering what fails for good with its reason.
 */
export class Notifier extends Construct {
  readonly function: AodhFunction;

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);
    const { settings, transitionQueue, deadLetterQueue } = props;

    this.function = new AodhFunction(this, 'Handler', {
      entry: 'functions/notify/handler.ts',
      serviceName: 'aodh-notifier',
      description: 'Aodh notifier: delivers alarm transitions from the transition queue to their actions',
      logRetention: settings.logRetentionDays,
      timeout: NOTIFY_TIMEOUT,
      reservedConcurrency: settings.notifierReservedConcurrency,
      // The rest_notifier certificate paths are left unset: they name files inside the bundle,
      // and no setting ships any yet.
      environment: {
        ...environmentOf({
          deadLetterQueueUrl: deadLetterQueue.queueUrl,
          // On this receive the handler parks a still-failing message itself, with its reason,
          // instead of letting SQS redrive it without one: so it must equal the queue's redrive count.
          notifyMaxReceiveCount: String(TRANSITION_QUEUE_SPEC.maxReceiveCount),
        }),
        ...deployEnvironment('notifier', settings),
      },
    });
    this.grantAccess(props);
    this.grantTargets(settings.notifierTargets);
    this.warnAboutUnsafeSettings(settings);

    // Also grants consuming the queue (receive, delete, change visibility, attributes).
    this.function.fn.addEventSource(
      new SqsEventSource(transitionQueue, {
        batchSize: NOTIFY_BATCH_SIZE,
        reportBatchItemFailures: true,
        // Concurrent batches at most (notifierMaxConcurrency). FIFO already bounds it by the
        // alarms with pending notifications; this keeps a cycle that flips many alarms at once
        // from taking the account's Lambda concurrency or flooding the receivers.
        maxConcurrency: settings.notifierMaxConcurrency,
      }),
    );
  }

  /** What the notify handler does besides the actions themselves, and nothing more. */
  private grantAccess({ tables, deadLetterQueue }: NotifierProps): void {
    // Tables (the delivery ledger): exactly the access schema.ts declares for the notifier.
    this.function.bindTables('notifier', tables, { evaluationResultsMetrics: false });
    // Parking a failure with its reason is a plain SendMessage; the URL comes from env.
    Grant.addToPrincipal({ grantee: this.function.fn, actions: ['sqs:SendMessage'], resourceArns: [deadLetterQueue.queueArn] });
  }

  /**
   * sns://, sqs://, events:// and lambda:// actions can only reach what `notifierTargets`
   * lists, with exactly the actions their scheme needs. With none listed (the default) the
   * role can reach no AWS target at all: the notifier then delivers webhooks (and log://,
   * test://) only, and AWS-native actions fail as access denied, permanently.
   *
   * Any project may name any target the role reaches, so list agreed names or prefixes,
   * never a pattern that also covers this service's own queues. Qualified Lambda actions
   * (name:alias) need a `…:function:name:*` entry; KMS-encrypted topics and queues also
   * need key grants, and cross-account targets a resource policy allowing this role.
   */
  private grantTargets(targets: readonly string[]): void {
    const byService = new Map<TargetService, string[]>();
    for (const arn of targets) {
      const service = serviceOf(arn);
      byService.set(service, [...(byService.get(service) ?? []), arn]);
    }
    for (const [service, resources] of byService) {
      this.function.fn.addToRolePolicy(new PolicyStatement({ actions: [...NOTIFIER_TARGET_ACTIONS[service]], resources }));
    }
    const policy = this.function.fn.role?.node.tryFindChild('DefaultPolicy');
    if (!policy) return;
    for (const pattern of targets.filter((arn) => arn.includes('*'))) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${pattern}]`,
        reason: 'An ARN pattern the operator listed in notifierTargets on purpose (documented as allowed there), with only its scheme\'s actions',
      });
    }
  }

  /** The webhook rows, read through the generic `notifiers` values (each present: the rows have defaults). */
  private warnAboutUnsafeSettings({ notifiers }: DeploySettings): void {
    if (notifiers.restNotifierSslVerify === false) {
      Annotations.of(this).addWarningV2(
        'aodh:webhook-tls-unverified',
        'restNotifierSslVerify is false: webhook certificates are not verified, so alarm data can go to an impostor.',
      );
    }
    if (notifiers.webhookAllowLoopback === true) {
      Annotations.of(this).addWarningV2(
        'aodh:webhook-loopback',
        "webhookAllowLoopback is true: in Lambda, loopback is the Runtime API, which any project's webhook action could then call.",
      );
    }
  }
}
