/**
 * The one place that reads process.env for the Lambda functions (and the local
 * runner, which sets the same variables). Checked once at cold start; a bad value
 * fails fast with the variable's name.
 */
export interface ApiSettings {
  tables: { alarms: string; history: string; quotas: string };
  /** `noauth` trusts X-User-Id/X-Project-Id/X-Roles; `jwt` maps API Gateway authorizer claims. */
  authMode: 'noauth' | 'jwt';
  gnocchiUrl?: string;
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
  evaluationResultsMetrics?: EvaluationResultsMetrics;
}

/**
 * `[DEFAULT] enable_evaluation_results_metrics` (default off, as Aodh): present only when
 * on, so "enabled" and "has a counters table" cannot disagree.
 */
export interface EvaluationResultsMetrics {
  countersTable: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function text(env: Env, key: string, fallback?: string): string {
  const value = env[key]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback;
  throw new SettingsError(`environment variable ${key} must be set`);
}

function integer(env: Env, key: string, fallback: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new SettingsError(`environment variable ${key} must be an integer, got '${raw}'`);
  return Number(raw);
}

function positive(env: Env, key: string, fallback: number): number {
  const value = integer(env, key, fallback);
  if (value < 1) throw new SettingsError(`environment variable ${key} must be at least 1, got ${value}`);
  return value;
}

/** The tables of the functions that record transitions (evaluator, listener). */
function writerTables(env: Env): { alarms: string; history: string; quotas: string; outbox: string } {
  return {
    alarms: text(env, 'ALARMS_TABLE'),
    history: text(env, 'HISTORY_TABLE'),
    quotas: text(env, 'QUOTAS_TABLE'),
    outbox: text(env, 'OUTBOX_TABLE'),
  };
}

export interface EvaluatorSettings {
  tables: { alarms: string; history: string; quotas: string; outbox: string };
  transitionQueueUrl: string;
  /** The transition queue's DLQ: where a transition the queue can never take is parked. */
  deadLetterQueueUrl: string;
  prometheusUrl?: string;
  gnocchiUrl?: string;
  /** Seconds between evaluations of an alarm (Aodh's evaluation_interval, default 60). */
  evaluationInterval: number;
  evaluationConcurrency: number;
  additionalIngestionLag: number;
  alarmHistoryTimeToLive: number;
  serviceIdentity: { userId: string; projectId: string };
  evaluationResultsMetrics?: EvaluationResultsMetrics;
}

export function readEvaluatorSettings(env: Env = process.env): EvaluatorSettings {
  return {
    tables: writerTables(env),
    transitionQueueUrl: text(env, 'TRANSITION_QUEUE_URL'),
    deadLetterQueueUrl: text(env, 'DEAD_LETTER_QUEUE_URL'),
    prometheusUrl: env.PROMETHEUS_URL?.trim() || undefined,
    gnocchiUrl: env.GNOCCHI_URL?.trim() || undefined,
    evaluationInterval: positive(env, 'EVALUATION_INTERVAL', 60),
    evaluationConcurrency: positive(env, 'EVALUATION_CONCURRENCY', 100),
    additionalIngestionLag: integer(env, 'ADDITIONAL_INGESTION_LAG', 0),
    alarmHistoryTimeToLive: integer(env, 'ALARM_HISTORY_TIME_TO_LIVE', -1),
    serviceIdentity: { userId: text(env, 'SERVICE_USER_ID', 'aodh'), projectId: text(env, 'SERVICE_PROJECT_ID', 'service') },
    ...evaluationResultsMetrics(env),
  };
}

/** COUNTERS_TABLE is required only when ENABLE_EVALUATION_RESULTS_METRICS is on. */
function evaluationResultsMetrics(env: Env): { evaluationResultsMetrics?: EvaluationResultsMetrics } {
  if (!flag(env, 'ENABLE_EVALUATION_RESULTS_METRICS', false)) return {};
  return { evaluationResultsMetrics: { countersTable: text(env, 'COUNTERS_TABLE') } };
}

function flag(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new SettingsError(`environment variable ${key} must be true or false, got '${raw}'`);
}

export interface NotifierSettings {
  deliveriesTable: string;
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
  webhook: {
    verifyTls: boolean;
    /** Paths of PEM files (Aodh's rest_notifier_* options); read once at cold start. */
    caBundlePath?: string;
    certificatePath?: string;
    keyPath?: string;
    allowPrivateNetworks: boolean;
    allowLoopback: boolean;
    timeoutMs: number;
  };
}

/**
 * The notifier's settings. The webhook network policy defaults to the safe side (no
 * private or loopback targets); `npm start` opts in, since local receivers live there.
 */
export function readNotifierSettings(env: Env = process.env): NotifierSettings {
  const optional = (key: string) => env[key]?.trim() || undefined;
  return {
    deliveriesTable: text(env, 'DELIVERIES_TABLE'),
    deadLetterQueueUrl: text(env, 'DEAD_LETTER_QUEUE_URL'),
    maxReceiveCount: positive(env, 'NOTIFY_MAX_RECEIVE_COUNT', 5),
    webhook: {
      verifyTls: flag(env, 'REST_NOTIFIER_SSL_VERIFY', true),
      ...(optional('REST_NOTIFIER_CA_BUNDLE_CERTIFICATE_PATH') ? { caBundlePath: optional('REST_NOTIFIER_CA_BUNDLE_CERTIFICATE_PATH') } : {}),
      ...(optional('REST_NOTIFIER_CERTIFICATE_FILE') ? { certificatePath: optional('REST_NOTIFIER_CERTIFICATE_FILE') } : {}),
      ...(optional('REST_NOTIFIER_CERTIFICATE_KEY') ? { keyPath: optional('REST_NOTIFIER_CERTIFICATE_KEY') } : {}),
      allowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
      allowLoopback: flag(env, 'WEBHOOK_ALLOW_LOOPBACK', false),
      timeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', 5_000),
    },
  };
}

export interface ListenerSettings {
  tables: { alarms: string; history: string; quotas: string; outbox: string };
  transitionQueueUrl: string;
  /** The transition queue's DLQ: where a transition the queue can never take is parked. */
  deadLetterQueueUrl: string;
  /** Seconds a project's candidate alarms are cached (Aodh's event_alarm_cache_ttl; 0 = off). */
  eventAlarmCacheTtl: number;
  alarmHistoryTimeToLive: number;
  serviceIdentity: { userId: string; projectId: string };
}

export function readListenerSettings(env: Env = process.env): ListenerSettings {
  const ttl = integer(env, 'EVENT_ALARM_CACHE_TTL', 60);
  if (ttl < 0) throw new SettingsError(`environment variable EVENT_ALARM_CACHE_TTL must be 0 or more, got ${ttl}`);
  return {
    tables: writerTables(env),
    transitionQueueUrl: text(env, 'TRANSITION_QUEUE_URL'),
    deadLetterQueueUrl: text(env, 'DEAD_LETTER_QUEUE_URL'),
    eventAlarmCacheTtl: ttl,
    alarmHistoryTimeToLive: integer(env, 'ALARM_HISTORY_TIME_TO_LIVE', -1),
    serviceIdentity: { userId: text(env, 'SERVICE_USER_ID', 'aodh'), projectId: text(env, 'SERVICE_PROJECT_ID', 'service') },
  };
}

export function readApiSettings(env: Env = process.env): ApiSettings {
  const authMode = text(env, 'AUTH_MODE', 'jwt');
  if (authMode !== 'noauth' && authMode !== 'jwt') {
    throw new SettingsError(`environment variable AUTH_MODE must be 'noauth' or 'jwt', got '${authMode}'`);
  }
  return {
    tables: {
      alarms: text(env, 'ALARMS_TABLE'),
      history: text(env, 'HISTORY_TABLE'),
      quotas: text(env, 'QUOTAS_TABLE'),
    },
    authMode,
    gnocchiUrl: env.GNOCCHI_URL?.trim() || undefined,
    corsAllowedOrigins: (env.CORS_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    alarmMaxActions: integer(env, 'ALARM_MAX_ACTIONS', -1),
    userAlarmQuota: integer(env, 'USER_ALARM_QUOTA', -1),
    projectAlarmQuota: integer(env, 'PROJECT_ALARM_QUOTA', -1),
    alarmHistoryTimeToLive: integer(env, 'ALARM_HISTORY_TIME_TO_LIVE', -1),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 65_536),
    ...evaluationResultsMetrics(env),
  };
}
