import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { VIRTUAL_SHARDS } from '../shared/domain/shard.js';
import { ContextReader, isOrigin, isUrl } from './context-reader.js';

/**
 * Deploy settings, read once from CDK context (`cdk.json` "context" or `-c key=value`).
 * Values given with `-c` always arrive as strings, so every reader coerces; a bad value
 * fails synth with the context key in the message, never at deploy or run time.
 */
export interface DeploySettings {
  /** Part of every stack name (`Aodh-<stage>-…`) and tag. */
  stage: string;
  authMode: 'jwt' | 'noauth';
  /** noauth trusts caller-supplied identity headers, so it must be opted into explicitly. */
  allowNoauth: boolean;
  /** Both set → an API Gateway JWT authorizer; both unset → none (a warning in jwt mode). */
  jwt?: { issuer: string; audience: string[] };
  corsAllowedOrigins: string[];
  /** The next four mirror Aodh's [api]/[database] options; -1 (or ≤ 0) means unlimited/forever. */
  alarmMaxActions: number;
  userAlarmQuota: number;
  projectAlarmQuota: number;
  alarmHistoryTimeToLive: number;
  gnocchiUrl?: string;
  prometheusUrl?: string;
  /**
   * Seconds between evaluations of an alarm (Aodh's [evaluator] evaluation_interval).
   * 1–59 must divide 60 (that many rounds per one-minute tick); from 60 up, whole minutes.
   */
  evaluationInterval: number;
  /** Schedules the virtual shards are split into (one EventBridge rule and invocation each). */
  evaluatorShardGroups: number;
  /** Alarms evaluated at once within a shard. */
  evaluationConcurrency: number;
  /** Seconds subtracted from metric windows for late samples ([DEFAULT] additional_ingestion_lag). */
  additionalIngestionLag: number;
  /**
   * Seconds the listener reuses a project's candidate event alarms ([listener]
   * event_alarm_cache_ttl); 0 re-reads them for every event.
   */
  eventAlarmCacheTtl: number;
  /** The identity the evaluator acts as, as Aodh's service credentials. */
  serviceUserId: string;
  serviceProjectId: string;
  logRetentionDays: RetentionDays;
  /** Webhook targets resolving to private (RFC 1918, ULA…) addresses; off in AWS, against SSRF. */
  webhookAllowPrivateNetworks: boolean;
  /** Loopback targets; in Lambda that is the Runtime API, so never on in a real stage. */
  webhookAllowLoopback: boolean;
  /** Per webhook request; below the notify function's 10 s timeout. */
  webhookTimeoutMs: number;
  /** Aodh's [DEFAULT] rest_notifier_ssl_verify. */
  restNotifierSslVerify: boolean;
  /** Aodh's [DEFAULT] enable_evaluation_results_metrics: evaluation counters and GET /v2/metrics. */
  enableEvaluationResultsMetrics: boolean;
  /**
   * ARNs (or ARN patterns) of the SNS topics, SQS queues, event buses and Lambda functions
   * that sns://, sqs://, events:// and lambda:// actions may reach; none by default.
   */
  notifierTargets: string[];
}

export class DeploySettingsError extends Error {
  override name = 'DeploySettingsError';
}

const RETENTION_VALUES = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
const HTTP_URL = { expected: 'an http(s) URL', valid: (s: string) => isUrl(s, ['http:', 'https:']) };
const NON_NEGATIVE = { expected: 'an integer ≥ 0', valid: (n: number) => n >= 0 };
const POSITIVE = { expected: 'an integer ≥ 1', valid: (n: number) => n >= 1 };

type EvaluatorSettingKeys =
  | 'prometheusUrl'
  | 'evaluationInterval'
  | 'evaluatorShardGroups'
  | 'evaluationConcurrency'
  | 'additionalIngestionLag'
  | 'eventAlarmCacheTtl'
  | 'serviceUserId'
  | 'serviceProjectId';

function readEvaluatorSettings(ctx: ContextReader): Pick<DeploySettings, EvaluatorSettingKeys> {
  return {
    prometheusUrl: ctx.optionalString('prometheusUrl', HTTP_URL),
    // Schedules tick at most once a minute: a shorter interval must fit a whole number of
    // rounds into the minute, and a longer one must be a rate EventBridge can express.
    evaluationInterval: ctx.integer('evaluationInterval', 60, {
      expected: 'a number of seconds that divides 60 (1–59) or a multiple of 60',
      valid: (n) => (n >= 1 && n < 60 ? 60 % n === 0 : n >= 60 && n % 60 === 0),
    }),
    // Equal groups keep every invocation's work (and so its duration) alike.
    evaluatorShardGroups: ctx.integer('evaluatorShardGroups', 16, {
      expected: `a divisor of ${VIRTUAL_SHARDS} (the virtual shard count)`,
      valid: (n) => n >= 1 && n <= VIRTUAL_SHARDS && VIRTUAL_SHARDS % n === 0,
    }),
    evaluationConcurrency: ctx.integer('evaluationConcurrency', 100, POSITIVE),
    additionalIngestionLag: ctx.integer('additionalIngestionLag', 0, NON_NEGATIVE),
    // Aodh's default. A longer TTL saves Queries but delays seeing a new or edited event alarm.
    eventAlarmCacheTtl: ctx.integer('eventAlarmCacheTtl', 60, {
      expected: 'a number of seconds ≥ 0 (0 disables the cache)',
      valid: (n) => n >= 0,
    }),
    serviceUserId: ctx.string('serviceUserId', 'aodh'),
    serviceProjectId: ctx.string('serviceProjectId', 'service'),
  };
}

/** The AWS-native notifier schemes' services; anything else would be a grant the notifier never uses. */
const NOTIFIER_TARGET = /^arn:aws[-a-z]*:(sns|sqs|events|lambda):[^:\s]*:[^:\s]*:\S+$/;

type NotifierSettingKeys =
  | 'webhookAllowPrivateNetworks'
  | 'webhookAllowLoopback'
  | 'webhookTimeoutMs'
  | 'restNotifierSslVerify'
  | 'notifierTargets';

function readNotifierSettings(ctx: ContextReader): Pick<DeploySettings, NotifierSettingKeys> {
  return {
    webhookAllowPrivateNetworks: ctx.boolean('webhookAllowPrivateNetworks', false),
    webhookAllowLoopback: ctx.boolean('webhookAllowLoopback', false),
    // Under the function's 10 s timeout with room for the ledger write and the SQS response.
    webhookTimeoutMs: ctx.integer('webhookTimeoutMs', 5_000, {
      expected: 'a number of milliseconds from 100 to 9000',
      valid: (n) => n >= 100 && n <= 9_000,
    }),
    restNotifierSslVerify: ctx.boolean('restNotifierSslVerify', true),
    notifierTargets: ctx.stringList('notifierTargets', {
      expected: 'a list of SNS, SQS, EventBridge or Lambda ARNs (arn:aws…:sns|sqs|events|lambda:region:account:resource, wildcards allowed)',
      valid: (s) => NOTIFIER_TARGET.test(s),
    }),
  };
}

export function readDeploySettings(node: Node): DeploySettings {
  const ctx = new ContextReader(node);
  const stage = ctx.string('stage', 'dev', {
    // Stack names allow [A-Za-z0-9-] and must start with a letter; keep it short for resource names.
    expected: 'a letter followed by up to 19 letters, digits or dashes',
    valid: (s) => /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(s),
  });
  const authMode = ctx.oneOf('authMode', ['jwt', 'noauth'], 'jwt');
  const allowNoauth = ctx.boolean('allowNoauth', false);
  // API Gateway only accepts https issuers (it fetches the OIDC discovery document).
  const issuer = ctx.optionalString('jwtIssuer', { expected: 'an https URL', valid: (s) => isUrl(s, ['https:']) });
  const audience = ctx.stringList('jwtAudience');
  const settings: DeploySettings = {
    stage,
    authMode,
    allowNoauth,
    jwt: issuer && audience.length > 0 ? { issuer, audience } : undefined,
    corsAllowedOrigins: ctx.stringList('corsAllowedOrigins', {
      expected: "a list of origins like 'https://example.com' (or '*')",
      valid: isOrigin,
    }),
    alarmMaxActions: ctx.integer('alarmMaxActions', -1),
    userAlarmQuota: ctx.integer('userAlarmQuota', -1),
    projectAlarmQuota: ctx.integer('projectAlarmQuota', -1),
    alarmHistoryTimeToLive: ctx.integer('alarmHistoryTimeToLive', -1),
    gnocchiUrl: ctx.optionalString('gnocchiUrl', HTTP_URL),
    enableEvaluationResultsMetrics: ctx.boolean('enableEvaluationResultsMetrics', false),
    ...readEvaluatorSettings(ctx),
    ...readNotifierSettings(ctx),
    logRetentionDays: ctx.integer('logRetentionDays', RetentionDays.ONE_MONTH, {
      expected: `one of the CloudWatch retention periods (${RETENTION_VALUES.join(', ')})`,
      valid: (n) => RETENTION_VALUES.includes(n),
    }) as RetentionDays,
  };
  if (Boolean(issuer) !== audience.length > 0) {
    ctx.problems.push("context keys 'jwtIssuer' and 'jwtAudience' must be set together (or neither)");
  }
  if (authMode === 'noauth' && !allowNoauth) {
    ctx.problems.push(
      "context key 'authMode' is 'noauth', which trusts client-supplied X-User-Id/X-Project-Id/X-Roles headers; " +
        "pass -c allowNoauth=true to deploy it anyway (never for a reachable stage)",
    );
  }
  if (ctx.problems.length > 0) {
    throw new DeploySettingsError(`Invalid deploy settings:\n  - ${ctx.problems.join('\n  - ')}`);
  }
  return settings;
}
