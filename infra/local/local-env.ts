import { tableNamesFor } from '#shared/adapters/dynamodb/create-tables.js';
import type { TableNames } from '#shared/adapters/dynamodb/schema.js';
import { transitionQueueNamesFor } from '#shared/adapters/sqs/queue-spec.js';
import { environmentOf, envName } from '#shared/settings/environment.js';
import { type Env, readSetting } from '#shared/settings/setting.js';
import { SETTINGS, type SettingKey } from '#shared/settings/table.js';

const S = SETTINGS;

/**
 * What `npm start` passes for the settings whose local default differs from the deployed one
 * (rows with `localDefault`): the variable as given, else that default. Blank counts as unset.
 */
function localDefaults(env: Env): Record<string, string> {
  const values: Partial<Record<SettingKey, string>> = {};
  for (const row of Object.values(SETTINGS)) {
    if (row.env !== undefined && row.localDefault !== undefined) values[row.key] = env[row.env]?.trim() || row.localDefault;
  }
  return environmentOf(values);
}

/**
 * Local defaults for every setting (the settings table has them; README lists them). The
 * function settings themselves are passed on as the same environment variables the Lambda reads.
 */
export function localEnvironment(env: Env) {
  const prefix = readSetting(env, S.tablePrefix);
  const tables: TableNames = tableNamesFor(prefix);
  const defaults = localDefaults(env);
  const authMode = defaults[envName('authMode')] ?? S.authMode.default;
  const queues = transitionQueueNamesFor(prefix);
  return {
    port: readSetting(env, S.port),
    host: readSetting(env, S.host),
    dynamoPort: readSetting(env, S.dynamodbPort),
    dataDir: readSetting(env, S.dataDir),
    authMode,
    tables,
    queues,
    sqsPort: readSetting(env, S.sqsPort),
    eventsPort: readSetting(env, S.eventsPort),
    /** Emulators accept any credentials, but the SDK insists on having some. */
    awsEnv: {
      AWS_REGION: env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    processEnv(endpoints: { dynamo: string; sqs: string; transitionQueueUrl: string; deadLetterQueueUrl: string }): Record<string, string> {
      return {
        ...environmentOf({
          deadLetterQueueUrl: endpoints.deadLetterQueueUrl,
          transitionQueueUrl: endpoints.transitionQueueUrl,
          // Every table, feature tables too (the counters are used only with evaluation-results metrics on).
          ...Object.fromEntries(Object.entries(tables).map(([role, name]) => [`${role}Table`, name])),
        }),
        ...defaults,
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
        AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      };
    },
  };
}
