import { setTimeout as delay } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.js';
import { QuotaExceededError } from '../../ports/alarm-store.js';
import { projectKey, userKey } from './alarm-item.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type CountScope = 'project' | 'user';

/** A change of one owner's alarm count, written in the transaction of the alarm write that causes it. */
export interface CountChange {
  scope: CountScope;
  ownerId: string;
  delta: 1 | -1;
  /** Only for increments: refuse when the count has already reached this (≥ 0). */
  limit?: number;
}

/** Sort key of the count rows. Quota rows use the resource name ('alarms'), so the two never meet. */
export const COUNT_RESOURCE = 'count#alarms';
const COUNT = 'alarm_count';
/** Parallel creates on one owner contend for its count row; each lost race is retried after a jittered pause. */
const MAX_ATTEMPTS = 50;

/**
 * Alarm counts per project and per user, kept as rows of the quotas table
 * (`p#<project>` / `u#<user>`, resource `count#alarms`) and changed in the same transaction as
 * the alarm write, so that a create is conditional on the count (issue 11 A6): ten parallel
 * creates against a quota of 2 make exactly two alarms.
 *
 * A count row that does not exist yet (a table from before counts were kept) is seeded once
 * from the by-project / by-user index; until the first create seeds it, deletes and moves
 * simply leave it out, so the seed is always the index's truth.
 */
export class AlarmCounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly countFromIndex: (scope: { projectId: string } | { userId: string }) => Promise<number>,
  ) {}

  /**
   * Sends `items` plus the count changes as one transaction, retried on contention. Any failure
   * of an item in `items` is passed to `onFailure` (whose error is thrown), with the cancellation
   * reasons of `items` in order.
   */
  async transact(items: TransactItem[], changes: CountChange[], onFailure: (error: unknown) => unknown): Promise<void> {
    let pending = [...changes];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: [...items, ...pending.map((change) => this.update(change))] }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw onFailure(error);
        const reasons = error.CancellationReasons ?? [];
        if (reasons.slice(0, items.length).some((reason) => reason.Code === 'ConditionalCheckFailed')) throw onFailure(error);
        const missing: CountChange[] = [];
        pending.forEach((change, index) => {
          const reason = reasons[items.length + index];
          if (reason?.Code !== 'ConditionalCheckFailed') return;
          if (reason.Item?.[COUNT] !== undefined) throw new QuotaExceededError(change.scope);
          missing.push(change);
        });
        if (missing.length > 0) {
          // Increments seed the row and go again; decrements drop it (the seed will not count this alarm).
          await Promise.all(missing.filter((change) => change.delta > 0).map((change) => this.seed(change)));
          pending = pending.filter((change) => change.delta > 0 || !missing.includes(change));
        } else if (reasons.some((reason) => reason.Code === 'TransactionConflict') && attempt < MAX_ATTEMPTS) {
          await delay(Math.random() * Math.min(250, 10 * 2 ** Math.min(attempt, 5)));
        } else {
          throw onFailure(reasons.some((reason) => reason.Code === 'TransactionConflict') ? new ConflictError('alarm counts kept changing', { cause: error }) : error);
        }
      }
    }
  }

  private key(scope: CountScope, ownerId: string): Record<string, string> {
    return { project_id: scope === 'project' ? projectKey(ownerId) : userKey(ownerId), resource: COUNT_RESOURCE };
  }

  /** `attribute_exists` tells a missing row (to seed) from one at its limit: the old image comes back with the failure. */
  private update(change: CountChange): TransactItem {
    const limited = change.limit !== undefined && change.limit >= 0;
    return {
      Update: {
        TableName: this.tableName,
        Key: this.key(change.scope, change.ownerId),
        UpdateExpression: 'ADD #n :delta',
        ConditionExpression: limited ? 'attribute_exists(#n) AND #n < :limit' : 'attribute_exists(#n)',
        ExpressionAttributeNames: { '#n': COUNT },
        ExpressionAttributeValues: { ':delta': change.delta, ...(limited && { ':limit': change.limit }) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  private async seed(change: CountChange): Promise<void> {
    const count = await this.countFromIndex(change.scope === 'project' ? { projectId: change.ownerId } : { userId: change.ownerId });
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(change.scope, change.ownerId), [COUNT]: count },
          ConditionExpression: 'attribute_not_exists(#n)',
          ExpressionAttributeNames: { '#n': COUNT },
        }),
      );
    } catch (error) {
      // Seeded concurrently by another create: that seed stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

/** The count changes of moving an alarm from one owner to another (none when both stay). */
export function ownerMove(from: { project_id: string; user_id: string }, to: { project_id: string; user_id: string }): CountChange[] {
  const changes: CountChange[] = [];
  if (from.project_id !== to.project_id) {
    changes.push({ scope: 'project', ownerId: from.project_id, delta: -1 }, { scope: 'project', ownerId: to.project_id, delta: 1 });
  }
  if (from.user_id !== to.user_id) changes.push({ scope: 'user', ownerId: from.user_id, delta: -1 }, { scope: 'user', ownerId: to.user_id, delta: 1 });
  return changes;
}
