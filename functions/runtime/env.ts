import { TABLES, type TableSpec, type TablesUsedBy, type TableUser, tableRolesUsedBy } from '#shared/adapters/dynamodb/schema.js';
import { metricSourceSettings } from '#shared/metric-sources/settings.js';
import { notifierSettings } from '#shared/notifiers/settings.js';
import { type Env, type RowValues, readRows, readSetting, SettingsError } from '#shared/settings/setting.js';
import { SETTINGS } from '#shared/settings/table.js';
import { readKeystoneUrl } from './keystone-env.js';

export { SettingsError };

/**
 * The one place that reads process.env for the Lambda functions (and the local
 * runner, which sets the same variables). Checked once at cold start; a bad value
 * fails fast with the variable's name.
 */
export interface ApiSettings {
  tables: TablesUsedBy<'api'>;
  /** `noauth` trusts X-User-Id/X-Project-Id/X-Roles; `jwt` maps API Gateway authorizer claims; `keystone` the Keystone authorizer's answer. */
  authMode: 'noauth' | 'jwt' | 'keystone';
  /** Keystone mode: the identity v3 URL, named in the 401 challenge. */
  keystoneUrl?: string;
  /** JWT mode: the admin role counts only in these projects (Keystone's admin_project). */
  jwtAdmin: { role: string; projectIds: string[] };
  gnocchiUrl?: string;
  /** What project alarms may read of CloudWatch. */
  cloudwatchTenancy: { projectDimension: string; tenantNamespaces: string[] };
  corsAllowedOrigins: string[];
  /** Per-list action limit; ≤ 0 = unlimited ([api] alarm_max_actions). */
  alarmMaxActions: number;
  /** -1 = unlimited ([api] user_alarm_quota / project_alarm_quota). */
  userAlarmQuota: number;
  projectAlarmQuota: number;
  /** Seconds; ≤ 0 keeps history forever ([database] alarm_history_time_to_live). */
  alarmHistoryTimeToLive: number;
  /** Largest accepted request body, bytes. */
  maxBodyBytes: number;
  /** Seconds between evaluations: pending_period/recovery_period must be multiples of it. */
  evaluationInterval: number;
  evaluationResultsMetrics?: EvaluationResultsMetrics;
  /** Back-tests read the evaluator's sources, with its ingestion lag. */
  additionalIngestionLag: number;
  metricSources: RowValues<typeof metricSourceSettings>;
}

/**
 * `[DEFAULT] enable_evaluation_results_metrics` (default off, as Aodh): present only when
 * on, so "enabled" and "has a counters table" cannot disagree.
 */
export interface EvaluationResultsMetrics {
  countersTable: string;
}

const S = SETTINGS;
const read = readSetting;

/** The names of the tables schema.ts says `user` always uses, each from its row's variable. */
function readTables<U extends TableUser>(env: Env, user: U): TablesUsedBy<U> {
  const tables: Record<string, string | undefined> = {};
  for (const role of tableRolesUsedBy(user)) {
    const spec: TableSpec = TABLES[role];
    tables[role] = read(env, spec.setting);
  }
  return tables as TablesUsedBy<U>;
}

export interface EvaluatorSettings {
  tables: TablesUsedBy<'evaluator'>;
  transitionQueueUrl: string;
  /** The transition queue's DLQ: where a transition the queue can never take is parked. */
  deadLetterQueueUrl: string;
  /** Seconds between evaluations of an alarm (Aodh's evaluation_interval, default 60). */
  evaluationInterval: number;
  evaluationConcurrency: number;
  /** Share (0–90 %) of the interval over which a cycle's evaluations are spread; 0 = all at the tick. */
  evaluationSpreadPercent: number;
  additionalIngestionLag: number;
  alarmHistoryTimeToLive: number;
  serviceIdentity: { userId: string; projectId: string };
  evaluationResultsMetrics?: EvaluationResultsMetrics;
  /** The metric sources' own settings (rows declared in their folders), read generically. */
  metricSources: RowValues<typeof metricSourceSettings>;
}

export function readEvaluatorSettings(env: Env = process.env): EvaluatorSettings {
  return {
    tables: readTables(env, 'evaluator'),
    transitionQueueUrl: read(env, S.transitionQueueUrl),
    deadLetterQueueUrl: read(env, S.deadLetterQueueUrl),
    evaluationInterval: read(env, S.evaluationInterval),
    evaluationConcurrency: read(env, S.evaluationConcurrency),
    evaluationSpreadPercent: read(env, S.evaluationSpreadPercent),
    additionalIngestionLag: read(env, S.additionalIngestionLag),
    alarmHistoryTimeToLive: read(env, S.alarmHistoryTimeToLive),
    serviceIdentity: serviceIdentity(env),
    ...evaluationResultsMetrics(env),
    metricSources: readRows(env, metricSourceSettings),
  };
}

function serviceIdentity(env: Env): { userId: string; projectId: string } {
  return { userId: read(env, S.serviceUserId), projectId: read(env, S.serviceProjectId) };
}

/** The counters table is required only when evaluation-results metrics are on. */
function evaluationResultsMetrics(env: Env): { evaluationResultsMetrics?: EvaluationResultsMetrics } {
  if (!read(env, S.enableEvaluationResultsMetrics)) return {};
  const countersTable = read(env, S.countersTable);
  if (!countersTable) throw new SettingsError(`environment variable ${S.countersTable.env} must be set`);
  return { evaluationResultsMetrics: { countersTable } };
}

export interface NotifierSettings {
  tables: TablesUsedBy<'notifier'>;
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
  /** The notifier schemes' own settings (rows declared in their folders), read generically. */
  schemes: RowValues<typeof notifierSettings>;
}

/**
 * The notifier's settings. Each scheme's rows carry their defaults: the webhook network policy's
 * are the safe side (no private or loopback targets); `npm start` opts in, since local receivers live there.
 */
export function readNotifierSettings(env: Env = process.env): NotifierSettings {
  return {
    tables: readTables(env, 'notifier'),
    deadLetterQueueUrl: read(env, S.deadLetterQueueUrl),
    maxReceiveCount: read(env, S.notifyMaxReceiveCount),
    schemes: readRows(env, notifierSettings),
  };
}

export interface ListenerSettings {
  tables: TablesUsedBy<'listener'>;
  transitionQueueUrl: string;
  /** The transition queue's DLQ: where a transition the queue can never take is parked. */
  deadLetterQueueUrl: string;
  /** Seconds a project's candidate alarms are cached (Aodh's event_alarm_cache_ttl; 0 = off). */
  eventAlarmCacheTtl: number;
  alarmHistoryTimeToLive: number;
  serviceIdentity: { userId: string; projectId: string };
}

export function readListenerSettings(env: Env = process.env): ListenerSettings {
  return {
    tables: readTables(env, 'listener'),
    transitionQueueUrl: read(env, S.transitionQueueUrl),
    deadLetterQueueUrl: read(env, S.deadLetterQueueUrl),
    eventAlarmCacheTtl: read(env, S.eventAlarmCacheTtl),
    alarmHistoryTimeToLive: read(env, S.alarmHistoryTimeToLive),
    serviceIdentity: serviceIdentity(env),
  };
}

export function readApiSettings(env: Env = process.env): ApiSettings {
  const authMode = read(env, S.authMode);
  return {
    tables: readTables(env, 'api'),
    authMode,
    ...(authMode === 'keystone' ? { keystoneUrl: readKeystoneUrl(env) } : {}),
    jwtAdmin: { role: read(env, S.jwtAdminRole), projectIds: read(env, S.jwtAdminProjectIds) },
    gnocchiUrl: read(env, S.gnocchiUrl),
    cloudwatchTenancy: { projectDimension: read(env, S.cloudwatchProjectDimension), tenantNamespaces: read(env, S.cloudwatchTenantNamespaces) },
    corsAllowedOrigins: read(env, S.corsAllowedOrigins),
    alarmMaxActions: read(env, S.alarmMaxActions),
    userAlarmQuota: read(env, S.userAlarmQuota),
    projectAlarmQuota: read(env, S.projectAlarmQuota),
    alarmHistoryTimeToLive: read(env, S.alarmHistoryTimeToLive),
    maxBodyBytes: read(env, S.maxBodyBytes),
    evaluationInterval: read(env, S.evaluationInterval),
    ...evaluationResultsMetrics(env),
    additionalIngestionLag: read(env, S.additionalIngestionLag),
    metricSources: readRows(env, metricSourceSettings),
  };
}
