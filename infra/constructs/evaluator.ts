import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VIRTUAL_SHARDS } from '../../shared/domain/shard.js';
import { environmentOf, envName } from '../../shared/settings/environment.js';
import { deployEnvironment } from '../function-environment.js';
import type { DeploySettings } from '../settings.js';
import { AodhFunction, DEFAULT_MEMORY_SIZE_MB } from './aodh-function.js';
import type { AlarmTableSet } from './alarm-tables.js';

export interface EvaluatorProps {
  tables: AlarmTableSet;
  /** The FIFO transition queue; the evaluator only sends to it. */
  transitionQueue: IQueue;
  /** Its dead-letter queue: a transition the queue can never take (too large) is parked there. */
  deadLetterQueue: IQueue;
  settings: DeploySettings;
}

/** Schedules fire at most once a minute (EventBridge's finest rate). */
const TICK_SECONDS = 60;
/** Above the one-minute tick, so the last sub-minute round can finish its DynamoDB and queue writes. */
const SUB_MINUTE_TIMEOUT = Duration.seconds(90);
/** The evaluate function's memory (MB); test/bench/evaluator-cost.bench.ts prices its GB-seconds from it. */
export const EVALUATOR_MEMORY_SIZE_MB = DEFAULT_MEMORY_SIZE_MB;
/** Lambda's ceiling. */
const MAX_TIMEOUT_SECONDS = 900;

/** The virtual shards split into `groups` equal, contiguous, disjoint ranges (settings check that it divides). */
export function shardGroups(groups: number, shards = VIRTUAL_SHARDS): number[][] {
  const size = shards / groups;
  // Unequal groups would silently leave shards unscheduled; readDeploySettings already refuses them.
  if (!Number.isInteger(size)) throw new Error(`${groups} groups do not divide ${shards} shards`);
  return Array.from({ length: groups }, (_, group) => Array.from({ length: size }, (_, i) => group * size + i));
}

/**
 * A run is bounded by the interval: the next tick starts the next one anyway. Under a minute,
 * one invocation runs every round of the minute, so it needs the whole minute plus headroom.
 */
export function evaluatorTimeout(intervalSeconds: number): Duration {
  if (intervalSeconds < TICK_SECONDS) return SUB_MINUTE_TIMEOUT;
  return Duration.seconds(Math.min(intervalSeconds, MAX_TIMEOUT_SECONDS));
}

/**
 * Scheduled, sharded alarm evaluation (Aodh's aodh-evaluator): one function, invoked by one
 * EventBridge rule per shard group with the group's shards as constant input.
 *
 * Alarms hash onto VIRTUAL_SHARDS fixed shards once, at creation. The rules only decide
 * which shards one invocation evaluates, so changing `evaluatorShardGroups` regroups shards
 * across rules and invocations without migrating any data.
 *
 * EventBridge rates stop at one minute. For a longer interval the rate is the interval; for
 * a shorter one (which must divide 60) each one-minute tick runs 60/interval rounds inside
 * the invocation, one per interval (functions/evaluate/app.ts), hence the longer timeout.
 */
export class Evaluator extends Construct {
  readonly function: AodhFunction;
  readonly rules: Rule[];

  constructor(scope: Construct, id: string, props: EvaluatorProps) {
    super(scope, id);
    const { settings, transitionQueue } = props;
    const interval = settings.evaluationInterval;

    this.function = new AodhFunction(this, 'Handler', {
      entry: 'functions/evaluate/handler.ts',
      serviceName: 'aodh-evaluator',
      description: 'Aodh evaluator: evaluates the scheduled alarms of the shards in its event',
      logRetention: settings.logRetentionDays,
      timeout: evaluatorTimeout(interval),
      memorySize: EVALUATOR_MEMORY_SIZE_MB,
      // Keeps an API flood from starving the schedules of account concurrency (and bounds overlaps).
      reservedConcurrency: settings.evaluatorReservedConcurrency,
      environment: { ...environmentOf({ transitionQueueUrl: transitionQueue.queueUrl, deadLetterQueueUrl: props.deadLetterQueue.queueUrl }), ...deployEnvironment('evaluator', settings) },
    });
    this.grantAccess(props);

    // A failed run is not retried, neither by EventBridge nor by Lambda's async queue:
    // the next tick re-evaluates the same shards with fresh data, and a late retry would
    // only overlap it. State writes are version-checked, so an overlap stays harmless.
    this.function.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.seconds(TICK_SECONDS) });
    const rate = Schedule.rate(Duration.seconds(Math.max(TICK_SECONDS, interval)));
    this.rules = shardGroups(settings.evaluatorShardGroups).map(
      (shards, group) =>
        new Rule(this, `Schedule${group}`, {
          description: `Aodh evaluator: shards ${shards[0]}-${shards.at(-1)} of ${VIRTUAL_SHARDS}`,
          schedule: rate,
          targets: [
            new LambdaFunction(this.function.fn, {
              event: RuleTargetInput.fromObject({ shards }),
              retryAttempts: 0,
              maxEventAge: Duration.seconds(TICK_SECONDS),
            }),
          ],
        }),
    );
  }

  /** What evaluate-shard.ts does, and nothing more. */
  private grantAccess({ settings, tables, transitionQueue, deadLetterQueue }: EvaluatorProps): void {
    // Tables: exactly the access schema.ts declares for the evaluator on each.
    this.function.bindTables('evaluator', tables, { evaluationResultsMetrics: settings.enableEvaluationResultsMetrics });
    if (settings.enableEvaluationResultsMetrics) this.function.fn.addEnvironment(envName('enableEvaluationResultsMetrics'), 'true');
    // SendMessageBatch is authorized by sqs:SendMessage; URL and attributes come from env. The DLQ
    // takes (SendMessage) what the transition queue never can, with its reason.
    Grant.addToPrincipal({ grantee: this.function.fn, actions: ['sqs:SendMessage'], resourceArns: [transitionQueue.queueArn, deadLetterQueue.queueArn] });
    // cloudwatch_threshold alarms read metrics. GetMetricData supports no resource-level
    // permissions (nor condition keys), so IAM only accepts Resource "*" for it.
    this.function.fn.addToRolePolicy(new PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
    const policy = this.function.fn.role?.node.findChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'cloudwatch:GetMetricData supports no resource-level permissions, so IAM only accepts Resource "*"; it is the only action on "*"',
      });
    }
  }
}
