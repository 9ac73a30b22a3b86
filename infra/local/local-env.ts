import { tableNamesFor } from '#shared/adapters/dynamodb/create-tables.js';
import type { TableNames } from '#shared/adapters/dynamodb/schema.js';
import { transitionQueueNamesFor } from '#shared/adapters/sqs/queue-spec.js';

type Env = Readonly<Record<string, string | undefined>>;

function port(env: Env, key: string, fallback?: number): number | undefined {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`environment variable ${key} must be a TCP port, got '${raw}'`);
  return value;
}

/**
 * Local defaults for every setting (README lists them). The API settings themselves are
 * passed on as the same environment variables the Lambda reads.
 */
export function localEnvironment(env: Env) {
  const prefix = env.TABLE_PREFIX?.trim() || 'aodh-local';
  const tables: TableNames = tableNamesFor(prefix);
  const authMode = env.AUTH_MODE?.trim() || 'noauth';
  const queues = transitionQueueNamesFor(prefix);
  return {
    port: port(env, 'PORT', 8042) ?? 8042,
    host: env.HOST?.trim() || '127.0.0.1',
    dynamoPort: port(env, 'DYNAMODB_PORT'),
    dataDir: env.DATA_DIR?.trim() || '.local/data',
    authMode,
    tables,
    queues,
    sqsPort: port(env, 'SQS_PORT'),
    eventsPort: port(env, 'EVENTS_PORT', 8044) ?? 8044,
    /** Emulators accept any credentials, but the SDK insists on having some. */
    awsEnv: {
      AWS_REGION: env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    processEnv(endpoints: { dynamo: string; sqs: string; transitionQueueUrl: string; deadLetterQueueUrl: string }): Record<string, string> {
      return {
        DEAD_LETTER_QUEUE_URL: endpoints.deadLetterQueueUrl,
        DELIVERIES_TABLE: tables.deliveries,
        // Used only with ENABLE_EVALUATION_RESULTS_METRICS=true (counters and GET /v2/metrics).
        COUNTERS_TABLE: tables.counters,
        // Local receivers live on loopback and private networks; in AWS these default to refused.
        WEBHOOK_ALLOW_LOOPBACK: env.WEBHOOK_ALLOW_LOOPBACK ?? 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'true',
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
        AWS_ENDPOINT_URL_SQS: endpoints.sqs,
        TRANSITION_QUEUE_URL: endpoints.transitionQueueUrl,
        OUTBOX_TABLE: tables.outbox,
        ALARMS_TABLE: tables.alarms,
        HISTORY_TABLE: tables.history,
        QUOTAS_TABLE: tables.quotas,
        AUTH_MODE: authMode,
        POWERTOOLS_LOG_LEVEL: env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      };
    },
  };
}
