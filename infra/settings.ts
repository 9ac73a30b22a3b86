import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { metricSourceSettings } from '../shared/metric-sources/settings.js';
import { notifierSettings } from '../shared/notifiers/settings.js';
import type { RowValues, Setting } from '../shared/settings/setting.js';
import { SETTINGS } from '../shared/settings/table.js';
import { ContextReader } from './context-reader.js';
import { type KeystoneDeploySettings, readKeystoneDeploySettings } from './keystone-settings.js';

/**
 * Deploy settings, read once from CDK context (`cdk.json` "context" or `-c key=value`); keys,
 * defaults and checks are rows of shared/settings/table.ts.
 * Values given with `-c` always arrive as strings, so every reader coerces; a bad value
 * fails synth with the context key in the message, never at deploy or run time.
 */
export interface DeploySettings extends KeystoneDeploySettings {
  /** Part of every stack name (`Aodh-<stage>-…`) and tag. */
  stage: string;
  authMode: 'jwt' | 'noauth' | 'keystone';
  /** JWT mode: the admin role, cloud admin only in `jwtAdminProjectIds` (Keystone's admin_project). */
  jwtAdminRole: string;
  jwtAdminProjectIds: string[];
  /** The console on S3 + CloudFront (infra/constructs/console.ts), the API on the same distribution. */
  deployConsole: boolean;
  /** noauth trusts caller-supplied identity headers, so it must be opted into explicitly. */
  allowNoauth: boolean;
  /** Both set → an API Gateway JWT authorizer; both unset → none (a warning in jwt mode). */
  jwt?: { issuer: string; audience: string[]; tokenHeader: 'Authorization' | 'X-Auth-Token' };
  corsAllowedOrigins: string[];
  /** The next four mirror Aodh's [api]/[database] options; -1 (or ≤ 0) means unlimited/forever. */
  alarmMaxActions: number;
  userAlarmQuota: number;
  projectAlarmQuota: number;
  alarmHistoryTimeToLive: number;
  /** The metric sources' own settings (rows declared in their folders), read generically. */
  metricSources: RowValues<typeof metricSourceSettings>;
  /**
   * Seconds between evaluations of an alarm (Aodh's [evaluator] evaluation_interval).
   * 1–59 must divide 60 (that many rounds per one-minute tick); from 60 up, whole minutes.
   */
  evaluationInterval: number;
  /** Schedules the virtual shards are split into (one EventBridge rule and invocation each). */
  evaluatorShardGroups: number;
  /** Reserved concurrency (0 = none) of evaluate, listen and notify, and notify's SQS maximum concurrency. */
  evaluatorReservedConcurrency: number;
  listenerReservedConcurrency: number;
  notifierReservedConcurrency: number;
  notifierMaxConcurrency: number;
  /** Alarms evaluated at once per invocation, across its shards. */
  evaluationConcurrency: number;
  /** Share of the interval (0–90 %) over which evaluations start, at stable per-alarm offsets. */
  evaluationSpreadPercent: number;
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
  /**
   * The notifier schemes' own settings (rows declared in their folders), read generically; rows
   * without a context key (the webhook's PEM paths) are not deploy settings and are left out.
   */
  notifiers: RowValues<typeof notifierSettings>;
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
const S = SETTINGS;

type EvaluatorSettingKeys =
  | 'evaluationInterval'
  | 'evaluatorShardGroups'
  | 'evaluationConcurrency'
  | 'evaluationSpreadPercent'
  | 'additionalIngestionLag'
  | 'eventAlarmCacheTtl'
  | 'serviceUserId'
  | 'serviceProjectId'
  | 'evaluatorReservedConcurrency'
  | 'listenerReservedConcurrency';

/** Unset (the row's -1), twice the groups: every group's run can overlap one slow predecessor. */
function reservedForGroups(reserved: number, groups: number): number {
  return reserved === S.evaluatorReservedConcurrency.default ? 2 * groups : reserved;
}

function readEvaluatorSettings(ctx: ContextReader): Pick<DeploySettings, EvaluatorSettingKeys> {
  const evaluatorShardGroups = ctx.setting(S.evaluatorShardGroups);
  return {
    evaluationInterval: ctx.setting(S.evaluationInterval),
    evaluatorShardGroups,
    evaluationConcurrency: ctx.setting(S.evaluationConcurrency),
    evaluationSpreadPercent: ctx.setting(S.evaluationSpreadPercent),
    additionalIngestionLag: ctx.setting(S.additionalIngestionLag),
    eventAlarmCacheTtl: ctx.setting(S.eventAlarmCacheTtl),
    serviceUserId: ctx.setting(S.serviceUserId),
    serviceProjectId: ctx.setting(S.serviceProjectId),
    evaluatorReservedConcurrency: reservedForGroups(ctx.setting(S.evaluatorReservedConcurrency), evaluatorShardGroups),
    listenerReservedConcurrency: ctx.setting(S.listenerReservedConcurrency),
  };
}

type NotifierSettingKeys =
  | 'notifierTargets'
  | 'notifierMaxConcurrency'
  | 'notifierReservedConcurrency';

function readNotifierSettings(ctx: ContextReader): Pick<DeploySettings, NotifierSettingKeys> {
  return {
    notifierTargets: ctx.setting(S.notifierTargets),
    notifierMaxConcurrency: ctx.setting(S.notifierMaxConcurrency),
    notifierReservedConcurrency: ctx.setting(S.notifierReservedConcurrency),
  };
}

/** A reservation below what the schedules or the event source start at once would throttle them. */
function checkConcurrency(settings: DeploySettings, problems: string[]): void {
  const { evaluatorReservedConcurrency: evaluator, evaluatorShardGroups: groups } = settings;
  if (evaluator > 0 && evaluator < groups) {
    problems.push(`context key 'evaluatorReservedConcurrency' (${evaluator}) must be 0 or at least evaluatorShardGroups (${groups}): every group runs at once on each tick`);
  }
  const { notifierReservedConcurrency: notifier, notifierMaxConcurrency: max } = settings;
  if (notifier > 0 && notifier < max) {
    problems.push(`context key 'notifierReservedConcurrency' (${notifier}) must be 0 or at least notifierMaxConcurrency (${max}): the event source would be throttled`);
  }
}

/**
 * A plugin's rows from context, keyed as the rows (an unset optional one left out): no code per row.
 * A row without a context key is runtime-only (set in the bundle or by `npm start`), so skipped.
 */
function readRows<T extends Record<string, Setting>>(ctx: ContextReader, rows: T): RowValues<T> {
  const values: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(rows)) {
    if (!row.context) continue;
    const value = ctx.setting({ ...row, key });
    if (value !== undefined) values[key] = value;
  }
  return values as RowValues<T>;
}

export function readDeploySettings(node: Node): DeploySettings {
  const ctx = new ContextReader(node);
  const stage = ctx.setting(S.stage);
  const authMode = ctx.setting(S.authMode);
  const allowNoauth = ctx.setting(S.allowNoauth);
  const issuer = ctx.setting(S.jwtIssuer);
  const audience = ctx.setting(S.jwtAudience);
  const settings: DeploySettings = {
    stage,
    authMode,
    allowNoauth,
    deployConsole: ctx.setting(S.deployConsole),
    jwt: issuer && audience.length > 0 ? { issuer, audience, tokenHeader: ctx.setting(S.jwtTokenHeader) } : undefined,
    jwtAdminRole: ctx.setting(S.jwtAdminRole),
    jwtAdminProjectIds: ctx.setting(S.jwtAdminProjectIds),
    corsAllowedOrigins: ctx.setting(S.corsAllowedOrigins),
    alarmMaxActions: ctx.setting(S.alarmMaxActions),
    userAlarmQuota: ctx.setting(S.userAlarmQuota),
    projectAlarmQuota: ctx.setting(S.projectAlarmQuota),
    alarmHistoryTimeToLive: ctx.setting(S.alarmHistoryTimeToLive),
    enableEvaluationResultsMetrics: ctx.setting(S.enableEvaluationResultsMetrics),
    ...readEvaluatorSettings(ctx),
    ...readNotifierSettings(ctx),
    metricSources: readRows(ctx, metricSourceSettings),
    notifiers: readRows(ctx, notifierSettings),
    ...readKeystoneDeploySettings(ctx, authMode),
    logRetentionDays: ctx.setting(S.logRetentionDays, {
      expected: `one of the CloudWatch retention periods (${RETENTION_VALUES.join(', ')})`,
      valid: (n: number) => RETENTION_VALUES.includes(n),
    }) as RetentionDays,
  };
  checkConcurrency(settings, ctx.problems);
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
