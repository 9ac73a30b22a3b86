import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlarmState } from '../../domain/alarm.js';
import { ConflictError } from '../../errors.js';
import {
  type AlarmCounters,
  type CounterIncrement,
  type EvaluationCounters,
  MAX_COUNTER_VALUE,
  stateCounters,
  wrapCounter,
} from '../../ports/evaluation-counters.js';
import { projectKey, type Item } from './alarm-item.js';
import { queryItems, scanItems } from './paging.js';
import { COUNTERS_TABLE } from './schema.js';

export interface DynamoEvaluationCountersOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** UpdateItem calls in flight at once; a shard can count thousands of alarms per cycle. */
  concurrency?: number;
  /** Clock of the tombstones' expiry. */
  now?: () => Date;
}

/** Aodh's own spelling of the unknown state in its counter rows, and a valid bare attribute name. */
const ATTRIBUTE: Record<AlarmState, string> = { ok: 'ok', alarm: 'alarm', 'insufficient data': 'insufficient_data' };
const STATES = Object.keys(ATTRIBUTE) as AlarmState[];
const [BY_PROJECT] = COUNTERS_TABLE.indexes;
/** Wrap-arounds racing with other increments are retried from the fresh value this many times. */
const MAX_WRAP_ATTEMPTS = 8;
/**
 * How long a deleted alarm's tombstone blocks late increments. An evaluator that read the alarm
 * before its delete increments within its own invocation (at most Lambda's 15 minutes), so a day
 * is ample; DynamoDB's TTL sweep removes the tombstone some time after.
 */
export const COUNTER_TOMBSTONE_SECONDS = 24 * 3600;
/** Present only on tombstones. */
const DELETED = 'deleted_at';
const NOT_DELETED = `attribute_not_exists(${DELETED})`;

interface AlarmIncrement {
  alarmId: string;
  projectId: string;
  counts: Array<[AlarmState, number]>;
}

/** The evaluation counters on the counters table (schema.ts COUNTERS_TABLE). */
export class DynamoEvaluationCounters implements EvaluationCounters {
  private readonly concurrency: number;

  private readonly now: () => Date;

  constructor(private readonly options: DynamoEvaluationCountersOptions) {
    this.concurrency = options.concurrency ?? 25;
    this.now = options.now ?? (() => new Date());
  }

  async increment(entries: readonly CounterIncrement[]): Promise<void> {
    const pending = groupByAlarm(entries);
    const failures: unknown[] = [];
    for (let start = 0; start < pending.length; start += this.concurrency) {
      const results = await Promise.allSettled(pending.slice(start, start + this.concurrency).map((group) => this.add(group)));
      for (const result of results) if (result.status === 'rejected') failures.push(result.reason);
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${pending.length} counter updates failed`);
  }

  async *list(scope: { projectId?: string }): AsyncIterable<AlarmCounters> {
    const { client, tableName } = this.options;
    // Tombstones carry no gsi_project, so only the scan meets them.
    const items =
      scope.projectId === undefined
        ? scanItems(client, { TableName: tableName, FilterExpression: NOT_DELETED })
        : queryItems(client, {
            TableName: tableName,
            IndexName: BY_PROJECT.name,
            KeyConditionExpression: '#g = :g',
            ExpressionAttributeNames: { '#g': 'gsi_project' },
            ExpressionAttributeValues: { ':g': projectKey(scope.projectId) },
          });
    for await (const item of items) yield toCounters(item);
  }

  /**
   * Replaces the counters with a tombstone rather than deleting them: an evaluator that loaded
   * the alarm before its delete may still increment, and its conditional update then fails on
   * the tombstone instead of re-creating the item (issue 11 A13). The tombstone expires by TTL.
   */
  async deleteFor(alarmId: string): Promise<void> {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + COUNTER_TOMBSTONE_SECONDS;
    await this.options.client.send(
      new PutCommand({ TableName: this.options.tableName, Item: { alarm_id: alarmId, [DELETED]: expiresAt - COUNTER_TOMBSTONE_SECONDS, expires_at: expiresAt } }),
    );
  }

  /**
   * The common case is one atomic ADD, conditional on no counter passing the maximum. When
   * one would, the stored values come back with the failure and the wrapped values are SET,
   * conditional on those values, so a concurrent increment is never lost.
   */
  private async add(group: AlarmIncrement): Promise<void> {
    const names = counterNames(group);
    const values: Item = { ...projectValues(group) };
    group.counts.forEach(([, amount], i) => Object.assign(values, { [`:n${i}`]: amount, [`:max${i}`]: MAX_COUNTER_VALUE - amount }));
    const room = group.counts.map((_, i) => `(attribute_not_exists(#s${i}) OR #s${i} <= :max${i})`);
    try {
      await this.update(group.alarmId, `SET #p = :p, #g = :g ADD ${group.counts.map((_, i) => `#s${i} :n${i}`).join(', ')}`, room, names, values);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The alarm was deleted after this evaluator read it: its count is dropped.
      if (error.Item?.[DELETED]) return;
      await this.wrap(group, error.Item);
    }
  }

  private async wrap(group: AlarmIncrement, stored: Record<string, AttributeValue> | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const values: Item = { ...projectValues(group) };
      const sets: string[] = [];
      const unchanged: string[] = [];
      group.counts.forEach(([state, amount], i) => {
        const old = stored?.[ATTRIBUTE[state]]?.N;
        values[`:v${i}`] = wrapCounter(Number(old ?? 0) + amount);
        sets.push(`#s${i} = :v${i}`);
        if (old === undefined) unchanged.push(`attribute_not_exists(#s${i})`);
        else {
          values[`:o${i}`] = Number(old);
          unchanged.push(`#s${i} = :o${i}`);
        }
      });
      try {
        await this.update(group.alarmId, `SET #p = :p, #g = :g, ${sets.join(', ')}`, unchanged, counterNames(group), values);
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (error.Item?.[DELETED]) return;
        if (attempt >= MAX_WRAP_ATTEMPTS) throw new ConflictError(`counters of alarm ${group.alarmId} kept changing`, { cause: error });
        stored = error.Item;
      }
    }
  }

  private async update(alarmId: string, expression: string, conditions: string[], names: Record<string, string>, values: Item): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { alarm_id: alarmId },
        UpdateExpression: expression,
        ConditionExpression: [NOT_DELETED, ...conditions].join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        // The stored counters come back with a failed condition: no extra read to wrap them.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }
}

/** One update per alarm, with the amounts per state summed (an alarm may appear more than once). */
function groupByAlarm(entries: readonly CounterIncrement[]): AlarmIncrement[] {
  const groups = new Map<string, { projectId: string; counts: Map<AlarmState, number> }>();
  for (const { alarmId, projectId, state } of entries) {
    const group = groups.get(alarmId) ?? { projectId, counts: new Map<AlarmState, number>() };
    group.projectId = projectId;
    group.counts.set(state, (group.counts.get(state) ?? 0) + 1);
    groups.set(alarmId, group);
  }
  return [...groups].map(([alarmId, group]) => ({ alarmId, projectId: group.projectId, counts: [...group.counts] }));
}

function counterNames(group: AlarmIncrement): Record<string, string> {
  const names: Record<string, string> = { '#p': 'project_id', '#g': 'gsi_project' };
  group.counts.forEach(([state], i) => (names[`#s${i}`] = ATTRIBUTE[state]));
  return names;
}

function projectValues(group: AlarmIncrement): Item {
  return { ':p': group.projectId, ':g': projectKey(group.projectId) };
}

function toCounters(item: Item): AlarmCounters {
  const counted: Partial<Record<AlarmState, number>> = {};
  for (const state of STATES) {
    const value = item[ATTRIBUTE[state]];
    if (typeof value === 'number') counted[state] = value;
  }
  return { alarm_id: item['alarm_id'] as string, project_id: item['project_id'] as string, state_counters: stateCounters(counted) };
}
