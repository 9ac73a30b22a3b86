import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ServiceMetrics } from '#shared/ports/service-metrics.js';

async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** A COUNT scan: fine locally, where the outbox holds a handful of items at most (never done in AWS). */
async function tableCount(dynamo: DynamoDBClient, table: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return count;
}

/** The backlog gauges, read at each scrape from the local emulators. */
export function watchBacklogs(metrics: ServiceMetrics, sqs: SQSClient, queues: { queueUrl: string; deadLetterUrl: string }, outboxTable: string): void {
  const dynamo = new DynamoDBClient({});
  metrics.depthGauge('transition_queue', () => queueDepth(sqs, queues.queueUrl));
  metrics.depthGauge('dead_letter_queue', () => queueDepth(sqs, queues.deadLetterUrl));
  metrics.depthGauge('outbox', () => tableCount(dynamo, outboxTable));
}
