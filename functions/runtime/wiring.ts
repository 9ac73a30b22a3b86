import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAlarmStore } from '#shared/adapters/dynamodb/dynamo-alarm-store.js';
import { DynamoEvaluationCounters } from '#shared/adapters/dynamodb/evaluation-counters.js';
import { GnocchiHttpValidationApi } from '#shared/metric-sources/gnocchi/validation-api.js';
import { alarmTypes } from '#shared/alarm-types/registry.js';
import { systemClock } from '#shared/domain/time.js';
import { DEFAULT_CLAIMS, jwtClaimsIdentity } from '#shared/identity/jwt-claims.js';
import { noauthIdentity } from '#shared/identity/noauth.js';
import { keystoneChallenge, keystoneContextIdentity } from '#shared/identity/keystone/gateway-context.js';
import type { IdentityResolver } from '#shared/ports/identity-resolver.js';
import { notifiers } from '#shared/notifiers/registry.js';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeadLetterQueue } from '#shared/adapters/sqs/sqs-dead-letter-queue.js';
import { SqsTransitionQueue } from '#shared/adapters/sqs/sqs-transition-queue.js';
import { buildMetricSources } from '#shared/metric-sources/registry.js';
import type { EvaluatorDeps } from '#shared/services/evaluation/evaluate-shard.js';
import { spreadWindowMs } from '#shared/services/evaluation/spread.js';
import type { EvaluationCounters } from '#shared/ports/evaluation-counters.js';
import type { ApiSettings, EvaluationResultsMetrics, EvaluatorSettings } from './env.js';

/**
 * The composition root: the only place that picks adapters. The SDK reads endpoint
 * overrides (AWS_ENDPOINT_URL_DYNAMODB) itself, which is how `npm start` points this
 * same code at the local emulator.
 */
export function isScheduledType(type: string): boolean {
  return alarmTypes[type]?.trigger === 'scheduled';
}

export function isEventType(type: string): boolean {
  return alarmTypes[type]?.trigger === 'event';
}

export function documentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
}

/**
 * Checked against ApiDeps where it is used (functions/api/handler.ts); naming the type here
 * would make functions/api and functions/runtime import each other.
 */
export function buildApiDeps(settings: ApiSettings, client: DynamoDBDocumentClient = documentClient()) {
  const store = new DynamoAlarmStore({
    client,
    tables: settings.tables,
    historyTtlSeconds: settings.alarmHistoryTimeToLive,
    isScheduledType,
    isEventType,
  });
  return {
    alarms: {
      store,
      alarmTypes,
      notifiers,
      clock: systemClock,
      newId: randomUUID,
      settings,
      ...(settings.gnocchiUrl ? { gnocchi: new GnocchiHttpValidationApi({ baseUrl: settings.gnocchiUrl }) } : {}),
      cloudwatchTenancy: settings.cloudwatchTenancy,
      evaluationInterval: settings.evaluationInterval,
      // Back-tests replay through the evaluator's sources; CloudWatch's client is made on first read only.
      metricSources: buildMetricSources({ ...settings.metricSources, cloudwatch: { client: new CloudWatchClient({}) } }),
      additionalIngestionLag: settings.additionalIngestionLag,
      ...countersFor(settings.evaluationResultsMetrics, client),
    },
    identity: identityResolver(settings),
    ...(settings.keystoneUrl && settings.authMode === 'keystone' ? { authenticateChallenge: keystoneChallenge(settings.keystoneUrl) } : {}),
    maxBodyBytes: settings.maxBodyBytes,
    corsAllowedOrigins: settings.corsAllowedOrigins,
  };
}

function identityResolver(settings: ApiSettings): IdentityResolver {
  if (settings.authMode === 'noauth') return noauthIdentity;
  if (settings.authMode === 'keystone') return keystoneContextIdentity;
  return jwtClaimsIdentity(DEFAULT_CLAIMS, settings.jwtAdmin);
}

/** The evaluator's adapters: the store with its outbox, the SQS transition queue, the metric sources. */
export function buildEvaluatorDeps(settings: EvaluatorSettings, client: DynamoDBDocumentClient = documentClient()): EvaluatorDeps {
  return {
    store: new DynamoAlarmStore({ client, tables: settings.tables, historyTtlSeconds: settings.alarmHistoryTimeToLive, isScheduledType, isEventType }),
    queue: transitionQueue(settings),
    clock: systemClock,
    newId: randomUUID,
    serviceIdentity: settings.serviceIdentity,
    alarmTypes,
    sources: buildMetricSources({
      ...settings.metricSources,
      cloudwatch: { client: new CloudWatchClient({}) },
    }),
    additionalIngestionLag: settings.additionalIngestionLag,
    concurrency: settings.evaluationConcurrency,
    spreadMs: spreadWindowMs(settings.evaluationInterval, settings.evaluationSpreadPercent),
    ...countersFor(settings.evaluationResultsMetrics, client),
  };
}

/** The FIFO transition queue, parking what it can never take in its own dead-letter queue. */
export function transitionQueue(settings: { transitionQueueUrl: string; deadLetterQueueUrl: string }): SqsTransitionQueue {
  const client = new SQSClient({});
  return new SqsTransitionQueue({ client, queueUrl: settings.transitionQueueUrl, deadLetters: new SqsDeadLetterQueue({ client, queueUrl: settings.deadLetterQueueUrl }) });
}

/** The counters adapter only when metrics are on: otherwise nothing may touch (or need) the table. */
function countersFor(metrics: EvaluationResultsMetrics | undefined, client: DynamoDBDocumentClient): { counters?: EvaluationCounters } {
  return metrics ? { counters: new DynamoEvaluationCounters({ client, tableName: metrics.countersTable }) } : {};
}
