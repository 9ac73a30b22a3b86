import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

interface Capacity {
  CapacityUnits?: number;
}

/**
 * Adds ReturnConsumedCapacity to every item command on `client` and sums what DynamoDB (Local
 * reports it) says each consumed. DynamoDB Local reports 0 for a Query or GetItem that finds
 * nothing; DynamoDB bills such a read as at least one 4 KB unit (0.5 RRU eventually consistent,
 * 1 strongly), so `rru` applies that floor and `rruReported` keeps the raw figure.
 */
export function meterCapacity(client: DynamoDBClient) {
  const totals = { rru: 0, rruReported: 0, wru: 0, reads: 0, writes: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      const isRead = READS.has(name);
      if (!isRead && !WRITES.has(name)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string; ConsistentRead?: boolean };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (isRead) {
        totals.reads++;
        totals.rruReported += units;
        totals.rru += Math.max(units, input.ConsistentRead ? 1 : 0.5);
      } else {
        totals.writes++;
        totals.wru += units;
      }
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return {
    totals,
    reset: () => Object.assign(totals, { rru: 0, rruReported: 0, wru: 0, reads: 0, writes: 0 }),
  };
}
