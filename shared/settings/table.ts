import { TABLES, type TableRole } from '../adapters/dynamodb/schema.js';
import { VIRTUAL_SHARDS } from '../domain/shard.js';
import { metricSourceSettings } from '../metric-sources/settings.js';
import { notifierSettings } from '../notifiers/settings.js';
import { HTTP_URL, isOrigin, isUrl, NON_NEGATIVE, POSITIVE } from '../setting-rows/checks.js';
import { choice, flag, integer, list, port, type Setting, text } from './setting.js';

/**
 * Every setting of the service, once. The Lambda runtime (functions/runtime/env.ts), the CDK
 * app (infra/settings.ts, infra/constructs/*), `npm start` (infra/local/local-env.ts) and the
 * README tables (`npm run docs:settings`) are all derived from these rows.
 *
 * To add a setting: add one row here (the key is its CDK context key when it has
 * `context`; `env` is the variable, UPPER_SNAKE of the key), read it where it is used with
 * `readSetting(env, SETTINGS.<key>)`, list the functions CDK sets it on in `deployTo`, then
 * run `npm run docs:settings` to regenerate the README (a test fails until you do).
 * A metric source's or notifier scheme's rows live in its own folder instead (joined by
 * metric-sources/settings.ts and notifiers/settings.ts), so a plugin's setting touches no file here.
 */
const NOTIFIER_TARGET = /^arn:aws[-a-z]*:(sns|sqs|events|lambda):[^:\s]*:[^:\s]*:\S+$/;
const TRANSITION_WRITERS = ['evaluator', 'listener'] as const;

const DEPLOY = {
  stage: text({ default: 'dev', section: 'deploy', doc: 'Part of stack names and tags.',
    // Stack names allow [A-Za-z0-9-] and must start with a letter; kept short for resource names.
    context: { check: { expected: 'a letter followed by up to 19 letters, digits or dashes', valid: (s) => /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(s) } } }),
  deployConsole: flag({ default: true, section: 'deploy', context: true, doc: 'Deploy the browser console: a private S3 bucket behind CloudFront, which also routes `/v2/*` to the API (same origin, no CORS).' }),
  allowNoauth: flag({ default: false, section: 'deploy', context: true, doc: '`authMode=noauth` fails synth unless this is `true` (and then warns).' }),
  // API Gateway only accepts https issuers (it fetches the OIDC discovery document).
  jwtIssuer: text({ optional: true, section: 'deploy', doc: 'Issuer URL (https) of the JWT authorizer; set together with `jwtAudience`.',
    context: { check: { expected: 'an https URL', valid: (s) => isUrl(s, ['https:']) } } }),
  jwtAudience: list({ default: [], section: 'deploy', context: true, doc: 'Audience list (comma-separated) of the JWT authorizer; set together with `jwtIssuer`.' }),
  // The check needs CDK's RetentionDays, so infra/settings.ts adds it.
  logRetentionDays: integer({ default: 30, section: 'deploy', context: true, doc: 'Log group retention of the functions, in days (a CloudWatch retention period).' }),
  // Equal groups keep every invocation's work (and so its duration) alike.
  evaluatorShardGroups: integer({ default: 16, section: 'deploy', doc: `Evaluation schedules, each over ${VIRTUAL_SHARDS}/groups shards; must divide ${VIRTUAL_SHARDS}.`,
    context: { check: { expected: `a divisor of ${VIRTUAL_SHARDS} (the virtual shard count)`, valid: (n) => n >= 1 && n <= VIRTUAL_SHARDS && VIRTUAL_SHARDS % n === 0 } } }),
  notifierTargets: list({ default: [], section: 'deploy', doc: 'ARNs (patterns allowed) that `sns://`, `sqs://`, `events://`, `lambda://` actions may reach; the notify function gets exactly those grants.',
    context: { check: { expected: 'a list of SNS, SQS, EventBridge or Lambda ARNs (arn:aws…:sns|sqs|events|lambda:region:account:resource, wildcards allowed)', valid: (s) => NOTIFIER_TARGET.test(s) } } }),
  // Reserved concurrency both guarantees and caps: an API flood cannot take the account's
  // concurrency from these, and they cannot take it from the API. Lambda keeps 100 unreserved
  // per account, so the defaults (72 in all with 16 groups) need the usual 1000 limit; 0 reserves none.
  // Unset (-1, never a valid value) follows the groups: infra/settings.ts resolves it.
  evaluatorReservedConcurrency: integer({ default: -1, shownDefault: '2 × `evaluatorShardGroups` (32)', section: 'deploy',
    doc: 'Concurrency reserved for (and capping) the evaluate function; by default twice the shard groups, so every group can overlap one slow run; 0 = none. Must be ≥ `evaluatorShardGroups` when set.',
    context: { check: { expected: 'an integer ≥ 0 (0 reserves none)', valid: (n) => n >= 0 } } }),
  listenerReservedConcurrency: integer({ default: 20, section: 'deploy',
    doc: "Concurrency reserved for (and capping) the listen function; throttled events wait in Lambda's async queue (up to an hour); 0 = none.",
    context: { check: { expected: 'an integer ≥ 0 (0 reserves none)', valid: (n) => n >= 0 } } }),
  notifierMaxConcurrency: integer({ default: 20, section: 'deploy',
    doc: "Batches the SQS event source runs at once (its maximum concurrency): bounds a cycle that flips many alarms, for the account and the receivers.",
    context: { check: { expected: 'an integer from 2 to 1000 (the SQS event source limits)', valid: (n) => n >= 2 && n <= 1_000 } } }),
  notifierReservedConcurrency: integer({ default: 20, section: 'deploy',
    doc: 'Concurrency reserved for the notify function; 0 = none. Must be ≥ `notifierMaxConcurrency` when set, or SQS batches would be throttled.',
    context: { check: { expected: 'an integer ≥ 0 (0 reserves none)', valid: (n) => n >= 0 } } }),
};

const API = {
  authMode: choice({ env: 'AUTH_MODE', choices: ['noauth', 'jwt', 'keystone'], default: 'jwt', localDefault: 'noauth', shownDefault: '`noauth` locally, `jwt` in AWS', section: 'api', deployTo: ['api'],
    doc: "`noauth` trusts `X-User-Id`, `X-Project-Id`, `X-Roles` (Aodh's `auth_mode = noauth`); `jwt` maps the claims API Gateway's JWT authorizer verified; `keystone` validates `X-Auth-Token` with Keystone (the `KEYSTONE_*` settings).",
    context: { doc: '`jwt`: an API Gateway JWT authorizer; the function maps claims `sub`, `project_id`, `roles` to the caller. `noauth`: trusts identity headers.' } }),
  jwtAdminRole: text({ env: 'JWT_ADMIN_ROLE', default: 'admin', section: 'api', deployTo: ['api'], context: true,
    doc: 'JWT mode: the role (any case) that gives admin powers, but only in a project of `JWT_ADMIN_PROJECT_IDS`.' }),
  jwtAdminProjectIds: list({ env: 'JWT_ADMIN_PROJECT_IDS', default: [], shownDefault: 'empty (no cloud admin)', section: 'api', deployTo: ['api'], context: true,
    doc: "JWT mode: comma-separated projects (project claim values) in which `JWT_ADMIN_ROLE` is cloud admin, as Keystone's `admin_project`; empty = no token is." }),
  corsAllowedOrigins: list({ env: 'CORS_ALLOWED_ORIGINS', default: [], shownDefault: 'empty (no CORS)', section: 'api', deployTo: ['api'],
    context: { check: { expected: "a list of origins like 'https://example.com' (or '*')", valid: isOrigin } },
    doc: 'Comma-separated origins allowed to call the API from a browser; `*` allows any.' }),
  alarmMaxActions: integer({ env: 'ALARM_MAX_ACTIONS', default: -1, section: 'api', deployTo: ['api'], context: true, doc: 'Max actions per state list (`[api] alarm_max_actions`; ≤ 0 = unlimited).' }),
  userAlarmQuota: integer({ env: 'USER_ALARM_QUOTA', default: -1, section: 'api', deployTo: ['api'], context: true, doc: 'Alarms per user (`[api] user_alarm_quota`; -1 = unlimited).' }),
  projectAlarmQuota: integer({ env: 'PROJECT_ALARM_QUOTA', default: -1, section: 'api', deployTo: ['api'], context: true,
    doc: 'Default alarms per project (`[api] project_alarm_quota`); a quota set through `/v2/quotas` overrides it.' }),
  alarmHistoryTimeToLive: integer({ env: 'ALARM_HISTORY_TIME_TO_LIVE', default: -1, section: 'api', deployTo: ['api', 'evaluator', 'listener'], context: true,
    doc: 'Seconds to keep history rows (`[database] alarm_history_time_to_live`; ≤ 0 = forever). Enforced by DynamoDB TTL.' }),
  maxBodyBytes: integer({ env: 'MAX_BODY_BYTES', default: 65_536, section: 'api', doc: 'Largest accepted request body; larger → 400.' }),
  // Set by the constructs only when on, together with the counters table (see alarm-api.ts, evaluator.ts).
  enableEvaluationResultsMetrics: flag({ env: 'ENABLE_EVALUATION_RESULTS_METRICS', default: false, section: 'api', context: true,
    doc: 'Evaluation counters and `GET /v2/metrics` (`[DEFAULT] enable_evaluation_results_metrics`); off, the evaluator never touches the counters and `/v2/metrics` answers 403. Set on the API and the evaluator alike.' }),
  // Read by Powertools' logger itself, not by our code.
  powertoolsLogLevel: text({ env: 'POWERTOOLS_LOG_LEVEL', optional: true, localDefault: 'WARN', shownDefault: '`WARN` locally', section: 'api', doc: 'Log level of the structured JSON logs.' }),
};

/** `AUTH_MODE=keystone` (keystonemiddleware's `[keystone_authtoken]`); README "With OpenStack (Keystone)". */
const SECRET_ARN = { expected: 'a Secrets Manager secret ARN (arn:aws…:secretsmanager:region:account:secret:name-XXXXXX)', valid: (s: string) => /^arn:aws[-a-z]*:secretsmanager:[^:\s]+:\d{12}:secret:\S+$/.test(s) };
const KEYSTONE = {
  keystoneUrl: text({ env: 'KEYSTONE_URL', optional: true, section: 'api', deployTo: ['api', 'authorizer'], context: { check: HTTP_URL },
    doc: 'Keystone identity v3 URL (`http://keystone:5000/v3`); required with `AUTH_MODE=keystone`. 401s name it, without `/v3`, in `WWW-Authenticate`.' }),
  keystoneServiceUser: text({ env: 'KEYSTONE_SERVICE_USER', default: 'aodh', section: 'api', deployTo: ['authorizer'], context: true, doc: 'The service user that validates tokens (`[keystone_authtoken] username`).' }),
  keystoneServicePassword: text({ env: 'KEYSTONE_SERVICE_PASSWORD', optional: true, section: 'api', doc: 'Its password; in AWS the authorizer reads `keystoneServicePasswordSecret` instead (never a context key).' }),
  keystoneServicePasswordSecret: text({ env: 'KEYSTONE_SERVICE_PASSWORD_SECRET', optional: true, section: 'api', deployTo: ['authorizer'], context: { check: SECRET_ARN },
    doc: 'ARN of the Secrets Manager secret (plain text) holding that password; the authorizer may read this secret only.' }),
  keystoneServiceProject: text({ env: 'KEYSTONE_SERVICE_PROJECT', default: 'service', section: 'api', deployTo: ['authorizer'], context: true, doc: "The service user's project (`project_name`)." }),
  keystoneUserDomain: text({ env: 'KEYSTONE_USER_DOMAIN', default: 'Default', section: 'api', deployTo: ['authorizer'], context: true, doc: "The service user's domain name (`user_domain_name`)." }),
  keystoneProjectDomain: text({ env: 'KEYSTONE_PROJECT_DOMAIN', default: 'Default', section: 'api', deployTo: ['authorizer'], context: true, doc: "The service project's domain name (`project_domain_name`)." }),
  keystoneRegion: text({ env: 'KEYSTONE_REGION', default: 'RegionOne', section: 'api', context: true, doc: "Region of the catalog's `alarming` endpoint, as clients pass it (`--os-region-name`); shown by `npm start`." }),
  // API Gateway caches authorizer answers for at most an hour.
  keystoneTokenCacheTtl: integer({ env: 'KEYSTONE_TOKEN_CACHE_TTL', default: 300, min: 0, section: 'api', deployTo: ['authorizer'], context: { check: { expected: 'a number of seconds from 0 to 3600', valid: (n) => n >= 0 && n <= 3_600 } },
    doc: 'Seconds a validated token is trusted (`token_cache_time`; a revocation shows after at most this); in AWS also the authorizer cache TTL; 0 = no cache.' }),
  // API Gateway's JWT authorizer reads one header; OpenStack clients (`aodh --os-auth-type admin_token`) send X-Auth-Token.
  jwtTokenHeader: choice({ choices: ['Authorization', 'X-Auth-Token'], default: 'Authorization', section: 'deploy', context: true, doc: 'The header the JWT authorizer reads the token from (`npm start` reads both).' }),
};

const EVALUATOR = {
  // The API checks pending_period/recovery_period against it (whole evaluation cycles), hence 'api'.
  evaluationInterval: integer({ env: 'EVALUATION_INTERVAL', default: 60, min: 1, section: 'evaluator', deployTo: ['api', 'evaluator'],
    doc: "Seconds between evaluations (Aodh's `evaluation_interval`); locally any value ≥ 1.",
    // Schedules tick at most once a minute: a shorter interval must fit a whole number of
    // rounds into the minute, and a longer one must be a rate EventBridge can express.
    context: { doc: 'Seconds; under 60 it must divide 60 (rounds within a minute), else a multiple of 60.',
      check: { expected: 'a number of seconds that divides 60 (1–59) or a multiple of 60', valid: (n) => (n >= 1 && n < 60 ? 60 % n === 0 : n >= 60 && n % 60 === 0) } } }),
  evaluationConcurrency: integer({ env: 'EVALUATION_CONCURRENCY', default: 100, min: 1, section: 'evaluator', deployTo: ['evaluator'], context: { check: POSITIVE }, doc: 'Alarms evaluated at once per invocation, across all its shards (one budget, however alarms fall into shards).' }),
  // Smooths the metric sources' request rate; the hash keeps each alarm at the same point of every cycle.
  evaluationSpreadPercent: integer({ env: 'EVALUATION_SPREAD_PERCENT', default: 0, min: 0, max: 90, section: 'evaluator', deployTo: ['evaluator'], context: { check: { expected: 'a percentage from 0 to 90', valid: (n) => n >= 0 && n <= 90 } },
    doc: "Evaluations of a cycle start at stable per-alarm offsets (hash of the alarm id) over this share of the interval instead of all at the tick; 0 = all at the tick (Aodh's behaviour)." }),
  additionalIngestionLag: integer({ env: 'ADDITIONAL_INGESTION_LAG', default: 0, section: 'evaluator', deployTo: ['api', 'evaluator'], context: { check: NON_NEGATIVE },
    doc: 'Seconds added to gnocchi query windows (`[DEFAULT] additional_ingestion_lag`).' }),
  serviceUserId: text({ env: 'SERVICE_USER_ID', default: 'aodh', section: 'evaluator', deployTo: TRANSITION_WRITERS, context: true, doc: 'The user history rows give for evaluator and listener transitions.' }),
  serviceProjectId: text({ env: 'SERVICE_PROJECT_ID', default: 'service', section: 'evaluator', deployTo: TRANSITION_WRITERS, context: true, doc: 'The project history rows give for evaluator and listener transitions.' }),
};

const LISTENER = {
  // Aodh's default. A longer TTL saves Queries but delays seeing a new or edited event alarm.
  eventAlarmCacheTtl: integer({ env: 'EVENT_ALARM_CACHE_TTL', default: 60, min: 0, section: 'listener', deployTo: ['listener'],
    context: { check: { expected: 'a number of seconds ≥ 0 (0 disables the cache)', valid: (n) => n >= 0 } },
    doc: "Seconds a project's candidate event alarms are cached (`[listener] event_alarm_cache_ttl`); 0 re-reads them for every event." }),
};

/** `npm start` only (infra/local). */
const LOCAL = {
  port: port({ env: 'PORT', default: 8042, section: 'local', doc: "Local API port (Aodh's)." }),
  host: text({ env: 'HOST', default: '127.0.0.1', section: 'local', doc: 'Local bind address of the API and the event bus.' }),
  dataDir: text({ env: 'DATA_DIR', default: '.local/data', section: 'local', doc: 'Local data (DynamoDB Local files); `npm start -- --reset` wipes it.' }),
  dynamodbPort: port({ env: 'DYNAMODB_PORT', default: undefined, shownDefault: 'a free port', section: 'local', doc: 'Port for DynamoDB Local.' }),
  sqsPort: port({ env: 'SQS_PORT', default: undefined, shownDefault: 'a free port', section: 'local', doc: 'Port of the local SQS emulator.' }),
  eventsPort: port({ env: 'EVENTS_PORT', default: 8044, section: 'local', doc: 'Port of the local EventBridge bus (`PutEvents`).' }),
  tablePrefix: text({ env: 'TABLE_PREFIX', default: 'aodh-local', section: 'local', doc: 'Local table and queue names: `<prefix>-alarms`, `-alarm-history`, `-quotas`, ….' }),
};

/** Names of resources, set by the deployment (and `npm start`) on the functions that use them. */
const WIRING = {
  ...tableNameSettings(),
  transitionQueueUrl: text({ env: 'TRANSITION_QUEUE_URL', section: 'wiring', doc: 'The FIFO transition queue (evaluator, listener send; notifier consumes).' }),
  deadLetterQueueUrl: text({ env: 'DEAD_LETTER_QUEUE_URL', section: 'wiring', doc: "The transition queue's dead-letter queue: the notifier parks what fails for good there, the evaluator and listener what the queue can never take." }),
  notifyMaxReceiveCount: integer({ env: 'NOTIFY_MAX_RECEIVE_COUNT', default: 5, min: 1, section: 'wiring', doc: "Receive on which the notifier parks a still-failing message itself; equals the queue's redrive count." }),
};

/** Each table's name row (`<role>Table`), declared with its spec in schema.ts. */
function tableNameSettings(): { readonly [R in TableRole as `${R}Table`]: (typeof TABLES)[R]['setting'] } {
  return Object.fromEntries(Object.entries(TABLES).map(([role, spec]) => [`${role}Table`, spec.setting])) as never;
}

function keyed<T extends Record<string, Setting>>(rows: T): { readonly [K in keyof T]: T[K] & { readonly key: K & string } } {
  return Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, { ...row, key }])) as unknown as { [K in keyof T]: T[K] & { key: K & string } };
}

export const SETTINGS = keyed({ ...DEPLOY, ...API, ...KEYSTONE, ...EVALUATOR, ...LISTENER, ...notifierSettings, ...LOCAL, ...WIRING, ...metricSourceSettings });
export type SettingKey = keyof typeof SETTINGS;
export type KeyedSetting = (typeof SETTINGS)[SettingKey];
