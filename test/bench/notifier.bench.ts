import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { setTimeout as delay } from 'node:timers/promises';
import { createNotifyHandler, type NotifyDeps } from '../../functions/notify/app.js';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { localContext } from '../../infra/local/lambda-context.js';
import { startNotifierLoop } from '../../infra/local/notifier-loop.js';
import { ensureTransitionQueues, startSqsLocal } from '../../infra/local/sqs-local.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.js';
import { documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { MemoryDeadLetterQueue } from '../../shared/adapters/memory/memory-dead-letter-queue.js';
import type { TransitionMessage } from '../../shared/domain/transition.js';
import { buildNotifiers } from '../../shared/notifiers/build-notifiers.js';
import type { AwsClientFactory } from '../../shared/notifiers/plugin.js';
import { notifiers } from '../../shared/notifiers/registry.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { percentile, round, rssSampler } from './stats.js';

const PER_RUN = 2_000;
const END_TO_END = 500;

function message(receiverUrl: string, sentAt: number): TransitionMessage {
  return {
    transition_id: randomUUID(), timestamp: new Date(sentAt).toISOString().slice(0, 19), actions: [`${receiverUrl}/hook?sent=${sentAt}`],
    alarm_id: randomUUID(), alarm_name: 'bench', severity: 'low', previous: 'ok', current: 'alarm',
    reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 91.0', reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
  };
}

function record(body: string): SQSRecord {
  return {
    messageId: randomUUID(), receiptHandle: 'r', body, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:0:t.fifo', awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
  };
}

/**
 * Notifications per second through the notify handler (batches of 10 — Lambda's FIFO
 * maximum — and of 100) to a real local webhook receiver, with the delivery ledger on
 * DynamoDB Local; then p99 from enqueue on the local SQS to receipt, through the same
 * consumer loop `npm start` runs.
 */
export async function benchNotifier() {
  const rss = rssSampler();
  const [dynamo, sqsLocal, receiver] = await Promise.all([startDynamoDbLocal(), startSqsLocal(), startWebhookReceiver()]);
  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const sqs = new SQSClient({ endpoint: sqsLocal.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const tables = tableNamesFor('bench');
    await createTables(dynamoClient, tables);
    const aws = new Proxy({}, { get: () => () => { throw new Error('unused'); } }) as AwsClientFactory;
    const deps: NotifyDeps = {
      delivery: {
        notifiers: buildNotifiers(notifiers, { settings: { webhookAllowLoopback: true }, readFile: () => { throw new Error('no PEM file in the bench'); }, aws }),
        ledger: new DynamoDeliveryLedger({ client: documentClientFor(dynamoClient), tableName: tables.deliveries }),
      },
      deadLetters: new MemoryDeadLetterQueue(),
      maxReceiveCount: 5,
    };
    const handler = createNotifyHandler(deps);
    const throughput: Record<string, number> = {};
    for (const batch of [10, 100]) {
      const before = receiver.requests.length;
      const started = performance.now();
      for (let sent = 0; sent < PER_RUN; sent += batch) {
        const records = Array.from({ length: batch }, () => record(JSON.stringify(message(receiver.url, Date.now()))));
        const { batchItemFailures } = await handler({ Records: records }, localContext('bench'));
        if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} notifications failed`);
      }
      const seconds = (performance.now() - started) / 1000;
      if (receiver.requests.length - before !== PER_RUN) throw new Error('receiver missed notifications');
      throughput[`batch_${batch}_per_s`] = round(PER_RUN / seconds, 0);
    }

    const { queueUrl } = await ensureTransitionQueues(sqs, { queue: 'bench-transitions', deadLetter: 'bench-dead' });
    const loop = startNotifierLoop(handler, sqs, queueUrl);
    const before = receiver.requests.length;
    for (let sent = 0; sent < END_TO_END; sent += 10) {
      const entries = Array.from({ length: 10 }, (_, index) => {
        const body = message(receiver.url, Date.now());
        return { Id: String(index), MessageBody: JSON.stringify(body), MessageGroupId: body.alarm_id, MessageDeduplicationId: body.transition_id };
      });
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      await delay(20);
    }
    while (receiver.requests.length - before < END_TO_END) await delay(50);
    await loop.stop();
    const latencies = receiver.requests.slice(before).map((request) => request.at - Number(new URL(request.url, 'http://x').searchParams.get('sent')));
    const result = { ...throughput, end_to_end_p50_ms: round(percentile(latencies, 50)), end_to_end_p99_ms: round(percentile(latencies, 99)), notifications_end_to_end: latencies.length, peak_rss_mb: rss.peakMb() };
    const summary = `notifier: ${throughput.batch_10_per_s}/s in batches of 10, ${throughput.batch_100_per_s}/s in batches of 100 (ledger on DynamoDB Local); enqueue→receipt p50 ${result.end_to_end_p50_ms} ms p99 ${result.end_to_end_p99_ms} ms; peak RSS ${result.peak_rss_mb} MB`;
    return { result, summary };
  } finally {
    rss.stop();
    dynamoClient.destroy();
    sqs.destroy();
    await Promise.all([dynamo.stop(), sqsLocal.stop(), receiver.close()]);
  }
}
