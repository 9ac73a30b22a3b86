import { readFileSync } from 'node:fs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDeliveryLedger } from '#shared/adapters/dynamodb/delivery-ledger.js';
import { SqsDeadLetterQueue } from '#shared/adapters/sqs/sqs-dead-letter-queue.js';
import { buildNotifiers } from '#shared/notifiers/build-notifiers.js';
import type { AwsClientFactory } from '#shared/notifiers/plugin.js';
import { notifiers } from '#shared/notifiers/registry.js';
import type { NotifierSettings } from './env.js';
import { documentClient } from './wiring.js';

/** One SDK client per service and region, created on first use and reused (never per request). */
function awsClients(): AwsClientFactory {
  const cache = new Map<string, unknown>();
  const client = <T>(kind: string, region: string | undefined, make: (config: { region?: string }) => T): T => {
    const key = `${kind}:${region ?? ''}`;
    if (!cache.has(key)) cache.set(key, make(region ? { region } : {}));
    return cache.get(key) as T;
  };
  return {
    sns: (region) => client('sns', region, (config) => new SNSClient(config)),
    sqs: (region) => client('sqs', region, (config) => new SQSClient(config)),
    eventBridge: (region) => client('events', region, (config) => new EventBridgeClient(config)),
    lambda: (region) => client('lambda', region, (config) => new LambdaClient(config)),
  };
}

/** Files named by scheme settings (PEM paths), read once at cold start, when the schemes are created. */
const readFile = (path: string): string => readFileSync(path, 'utf8');

/**
 * The notifier's composition root: notifiers by scheme, the delivery ledger, the dead-letter queue.
 * Checked against NotifyDeps where it is used (functions/notify/handler.ts); naming the type
 * here would make functions/notify and functions/runtime import each other.
 */
export function buildNotifyDeps(settings: NotifierSettings) {
  const aws = awsClients();
  return {
    delivery: {
      notifiers: buildNotifiers(notifiers, { settings: settings.schemes, readFile, aws }),
      ledger: new DynamoDeliveryLedger({ client: documentClient(), tableName: settings.tables.deliveries }),
    },
    deadLetters: new SqsDeadLetterQueue({ client: aws.sqs(), queueUrl: settings.deadLetterQueueUrl }),
    maxReceiveCount: settings.maxReceiveCount,
  };
}
