import { setTimeout as delay } from 'node:timers/promises';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../../errors.js';
import type { Item } from './alarm-item.js';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchWriteItem's per-call maximum. */
const BATCH_SIZE = 25;
const MAX_ATTEMPTS = 8;

/**
 * Yields items page by page. A filtered page may be empty while more pages follow,
 * so only the absence of LastEvaluatedKey ends the loop. Without read-ahead the next page
 * is requested only when the consumer asks for more, so breaking out stops reading.
 */
export async function* queryItems(client: DynamoDBDocumentClient, input: QueryCommandInput, options: { readAhead?: boolean } = {}): AsyncGenerator<Item> {
  const fetchPage = (startKey: QueryCommandInput['ExclusiveStartKey']) => client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
  let pending = fetchPage(input.ExclusiveStartKey);
  for (;;) {
    const page = await pending;
    const next = page.LastEvaluatedKey;
    // Read-ahead (for consumers that read everything, like the evaluator): the next page
    // loads while this one is processed. Its failure surfaces when it is awaited.
    if (next && options.readAhead) {
      pending = fetchPage(next);
      pending.catch(() => undefined);
    }
    yield* page.Items ?? [];
    if (!next) return;
    if (!options.readAhead) pending = fetchPage(next);
  }
}

export async function* scanItems(client: DynamoDBDocumentClient, input: ScanCommandInput): AsyncGenerator<Item> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Writes everything, in batches of 25, resubmitting UnprocessedItems (throttled parts) with backoff. */
export async function batchWrite(client: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    let pending = requests.slice(start, start + BATCH_SIZE);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new ServiceUnavailableError(`DynamoDB kept throttling batch writes to ${tableName}`);
      if (attempt) await delay(Math.min(2_000, 50 * 2 ** attempt));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

export async function batchDelete(client: DynamoDBDocumentClient, tableName: string, keys: Item[]): Promise<void> {
  await batchWrite(client, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));
}
