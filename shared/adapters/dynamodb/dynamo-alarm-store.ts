import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Alarm } from '../../domain/alarm.js';
import type { AlarmChange } from '../../domain/history.js';
import type { Quota } from '../../domain/quota.js';
import type { TransitionMessage } from '../../domain/transition.js';
import { shardOf as defaultShardOf } from '../../domain/shard.js';
import { AlarmNotFoundError, ConflictError } from '../../errors.js';
import type { AlarmLimits, AlarmListQuery, AlarmStore, HistoryQuery, StateUpdate } from '../../ports/alarm-store.js';
import { AlarmCounts, type CountChange, ownerMove, type TransactItem } from './alarm-counts.js';
import {
  compareAlarms,
  fromAlarmItem,
  type IndexMembership,
  type Item,
  projectKey,
  userKey,
  projectStartKey,
  toAlarmItem,
} from './alarm-item.js';
import { equality, expressionParams } from './expressions.js';
import { stateUpdateExpression } from './state-update.js';
import { OutboxTable } from './outbox-table.js';
import { queryItems, scanItems } from './paging.js';
import { HistoryTable } from './history-table.js';
import { QuotaTable } from './quota-table.js';
import { ALARMS_TABLE, type TableNames } from './schema.js';
import { translateAlarmWriteError } from './write-errors.js';


/** DynamoDB's partition-key size limit. */
const MAX_KEY_BYTES = 2048;
export interface DynamoAlarmStoreOptions {
  /** Build it with documentClientFor(): the item mapping relies on its marshalling options. */
  client: DynamoDBDocumentClient;
  /** The outbox table is needed only by writers that queue notifications (evaluator, listener). */
  tables: Pick<TableNames, 'alarms' | 'history' | 'quotas'> & { outbox?: string };
  /** Aodh's alarm_history_time_to_live; <= 0 or undefined keeps history forever. */
  historyTtlSeconds?: number;
  shardOf?: (alarmId: string) => number;
  isScheduledType: (type: string) => boolean;
  /** Alarms of these types join the by-event-project index the listener reads. */
  isEventType: (type: string) => boolean;
  /** Clock for hiding history rows that expired but were not yet swept by DynamoDB. */
  now?: () => Date;
}

/** Undefined optional fields are dropped; empty strings are real values (Aodh allows project_id ""). */
export function documentClientFor(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

const DEFAULT_PAGE_SIZE = 100;
const [BY_PROJECT, BY_SHARD, BY_EVENT_PROJECT, BY_USER] = ALARMS_TABLE.indexes;
/** Attempts of a delete whose alarm changed between its read and its transaction. */
const MAX_DELETE_ATTEMPTS = 5;

export class DynamoAlarmStore implements AlarmStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: DynamoAlarmStoreOptions['tables'];
  private readonly outbox: OutboxTable | undefined;
  private readonly membership: IndexMembership;
  private readonly quotas: QuotaTable;
  private readonly history: HistoryTable;
  private readonly counts: AlarmCounts;

  constructor(options: DynamoAlarmStoreOptions) {
    this.client = options.client;
    this.tables = options.tables;
    this.membership = { shardOf: options.shardOf ?? ((alarmId) => defaultShardOf(alarmId)), isScheduledType: options.isScheduledType, isEventType: options.isEventType };
    this.history = new HistoryTable(this.client, this.tables.history, options.historyTtlSeconds, options.now ?? (() => new Date()));
    this.quotas = new QuotaTable(this.client, this.tables.quotas);
    this.counts = new AlarmCounts(this.client, this.tables.quotas, (scope) => this.countAlarms(scope));
    this.outbox = this.tables.outbox === undefined ? undefined : new OutboxTable(this.client, this.tables.outbox, this.membership.shardOf);
  }

  async createAlarm(alarm: Alarm, creation?: AlarmChange, limits?: AlarmLimits): Promise<Alarm> {
    const stored: Alarm = { ...alarm, version: 1 };
    const put: PutCommandInput = {
      TableName: this.tables.alarms,
      Item: toAlarmItem(stored, this.membership),
      ConditionExpression: 'attribute_not_exists(alarm_id)',
    };
    // The counts are kept with or without limits, so that a quota set later finds them right.
    const counts: CountChange[] = [
      { scope: 'project', ownerId: alarm.project_id, delta: 1, ...(limits && { limit: limits.project }) },
      { scope: 'user', ownerId: alarm.user_id, delta: 1, ...(limits && { limit: limits.user }) },
    ];
    const items: TransactItem[] = [{ Put: put }, ...(creation ? [{ Put: this.history.put(creation) }] : [])];
    await this.counts.transact(items, counts, (error) => translateAlarmWriteError(error, alarm.alarm_id, 'create'));
    return stored;
  }

  async getAlarm(alarmId: string): Promise<Alarm | undefined> {
    // DynamoDB rejects such a key outright; no alarm can have it, so it is simply not found.
    if (Buffer.byteLength(alarmId) > MAX_KEY_BYTES) return undefined;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tables.alarms, Key: { alarm_id: alarmId }, ConsistentRead: true }));
    return Item && fromAlarmItem(Item);
  }

  async replaceAlarm(alarm: Alarm, change?: AlarmChange): Promise<Alarm> {
    const stored: Alarm = { ...alarm, version: alarm.version + 1 };
    // The owner being replaced: read at the version the write is conditional on, so it is the one replaced.
    const current = await this.getAlarm(alarm.alarm_id);
    if (!current) throw new AlarmNotFoundError(alarm.alarm_id);
    if (current.version !== alarm.version) throw new ConflictError(`Alarm ${alarm.alarm_id} was modified concurrently`);
    const moves = ownerMove(current, alarm);
    // A full Put re-derives the sparse index keys, so disabling an alarm drops it from by-shard / by-event-project.
    const put: PutCommandInput = {
      TableName: this.tables.alarms,
      Item: toAlarmItem(stored, this.membership),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': alarm.version },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
    if (moves.length === 0) {
      await this.writeAlarm(alarm.alarm_id, 'update', { Put: put }, change);
    } else {
      // Aodh checks quotas at create only; a move keeps both owners' counts right but is never refused.
      const items: TransactItem[] = [{ Put: put }, ...(change ? [{ Put: this.history.put(change) }] : [])];
      await this.counts.transact(items, moves, (error) => translateAlarmWriteError(error, alarm.alarm_id, 'update'));
    }
    return stored;
  }

  async updateState(update: StateUpdate): Promise<Alarm> {
    const { expression, names, values } = stateUpdateExpression(update);
    const input: UpdateCommandInput & { UpdateExpression: string } = {
      TableName: this.tables.alarms,
      Key: { alarm_id: update.alarmId },
      UpdateExpression: expression,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
    if (!update.history && !update.notification) {
      try {
        const { Attributes } = await this.client.send(new UpdateCommand({ ...input, ReturnValues: 'ALL_NEW' }));
        return fromAlarmItem(Attributes ?? {});
      } catch (error) {
        throw translateAlarmWriteError(error, update.alarmId, 'update');
      }
    }
    await this.writeAlarm(update.alarmId, 'update', { Update: input }, update.history, update.notification);
    // Transactions return no item images; this read may already see a later write, which is then the stored truth.
    const after = await this.getAlarm(update.alarmId);
    if (!after) throw new AlarmNotFoundError(update.alarmId);
    return after;
  }

  /**
   * One transaction whatever the history length: the alarm item goes, its owners' counts drop,
   * and a purge marker hides its history until purgeDeletedHistory has removed it. Conditional on
   * the version read, so a concurrent owner move cannot make the counts drift.
   */
  async deleteAlarm(alarmId: string): Promise<Alarm | undefined> {
    for (let attempt = 1; ; attempt++) {
      const alarm = await this.getAlarm(alarmId);
      if (!alarm) return undefined;
      const remove: TransactItem = {
        Delete: {
          TableName: this.tables.alarms,
          Key: { alarm_id: alarmId },
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': alarm.version },
        },
      };
      const counts: CountChange[] = [
        { scope: 'project', ownerId: alarm.project_id, delta: -1 },
        { scope: 'user', ownerId: alarm.user_id, delta: -1 },
      ];
      try {
        await this.counts.transact([remove, { Put: this.history.purgeMarker(alarmId, this.membership.shardOf(alarmId)) }], counts, (error) =>
          translateAlarmWriteError(error, alarmId, 'update'),
        );
        return alarm;
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof AlarmNotFoundError) || attempt >= MAX_DELETE_ATTEMPTS) throw error;
      }
    }
  }

  purgeDeletedHistory(alarmId: string, maxRows: number): Promise<boolean> {
    return this.history.purgeStep(alarmId, maxRows);
  }

  async *listPendingPurges(shards?: readonly number[]): AsyncIterable<string> {
    for await (const pending of this.history.listPurges()) if (!shards || shards.includes(pending.shard)) yield pending.alarmId;
  }

  isPurgePending(alarmId: string): Promise<boolean> {
    return this.history.isPurgePending(alarmId);
  }

  async *listAlarms(query: AlarmListQuery): AsyncIterable<Alarm> {
    const order = query.order ?? 'desc';
    const filter = equality(query.filter, 'f');
    const Limit = query.pageSize ?? DEFAULT_PAGE_SIZE;
    if (query.projectId !== undefined) {
      const items = queryItems(this.client, {
        TableName: this.tables.alarms,
        IndexName: BY_PROJECT.name,
        ...expressionParams(equality({ gsi_project: projectKey(query.projectId) }, 'k'), filter),
        ScanIndexForward: order === 'asc',
        ExclusiveStartKey: query.after && projectStartKey(query.projectId, query.after),
        Limit,
      });
      for await (const item of items) yield fromAlarmItem(item);
      return;
    }
    // All projects (admin `all_projects` only): no index holds every alarm in order, so scan,
    // collect and sort in memory. Acceptable for an operator listing; project listings never get here.
    const alarms: Alarm[] = [];
    for await (const item of scanItems(this.client, { TableName: this.tables.alarms, ...expressionParams(undefined, filter), Limit })) {
      alarms.push(fromAlarmItem(item));
    }
    const direction = order === 'asc' ? 1 : -1;
    alarms.sort((a, b) => direction * compareAlarms(a, b));
    const { after } = query;
    yield* after ? alarms.filter((alarm) => direction * compareAlarms(alarm, after) > 0) : alarms;
  }

  async countAlarms(scope: { projectId: string } | { userId: string }): Promise<number> {
    const key = 'projectId' in scope ? { gsi_project: projectKey(scope.projectId) } : { gsi_user: userKey(scope.userId) };
    const params = {
      TableName: this.tables.alarms,
      IndexName: 'projectId' in scope ? BY_PROJECT.name : BY_USER.name,
      ...expressionParams(equality(key, 'k')),
      Select: 'COUNT' as const,
    };
    let count = 0;
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...params, ExclusiveStartKey: startKey }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async *listShardAlarms(shard: number): AsyncIterable<Alarm> {
    const key = equality({ eval_shard: shard }, 'k');
    for await (const item of queryItems(this.client, { TableName: this.tables.alarms, IndexName: BY_SHARD.name, ...expressionParams(key) }, { readAhead: true })) {
      yield fromAlarmItem(item);
    }
  }

  async listEventAlarms(projectId: string): Promise<Alarm[]> {
    const key = equality({ event_project: projectKey(projectId) }, 'k');
    const alarms: Alarm[] = [];
    for await (const item of queryItems(this.client, { TableName: this.tables.alarms, IndexName: BY_EVENT_PROJECT.name, ...expressionParams(key) })) {
      alarms.push(fromAlarmItem(item));
    }
    return alarms;
  }

  appendHistory(change: AlarmChange): Promise<void> {
    return this.history.append(change);
  }

  listHistory(query: HistoryQuery): AsyncIterable<AlarmChange> {
    return this.history.list(query);
  }

  scanHistory(scope: { onBehalfOf?: string }): AsyncIterable<AlarmChange> {
    return this.history.scan(scope);
  }

  listPendingTransitions(shard: number): AsyncIterable<TransitionMessage> {
    return this.requireOutbox().list(shard);
  }

  clearPendingTransitions(messages: readonly TransitionMessage[]): Promise<void> {
    return this.requireOutbox().clear(messages);
  }

  private requireOutbox(): OutboxTable {
    if (!this.outbox) throw new Error('this store was built without an outbox table');
    return this.outbox;
  }

  getQuotas(projectId: string): Promise<Quota[]> {
    return this.quotas.get(projectId);
  }

  setQuotas(projectId: string, quotas: Quota[]): Promise<Quota[]> {
    return this.quotas.set(projectId, quotas);
  }

  deleteQuotas(projectId: string): Promise<void> {
    return this.quotas.delete(projectId);
  }

  /**
   * The alarm write alone, or with its history row and outbox entry in one transaction
   * (alarm first: the error mapping relies on it).
   */
  private async writeAlarm(alarmId: string, write: 'create' | 'update', item: TransactItem, history?: AlarmChange, notification?: TransitionMessage): Promise<void> {
    const extra: TransactItem[] = [];
    if (history) extra.push({ Put: this.history.put(history) });
    if (notification) extra.push({ Put: this.requireOutbox().put(notification) });
    try {
      if (extra.length > 0) {
        await this.client.send(new TransactWriteCommand({ TransactItems: [item, ...extra] }));
      } else if (item.Put) {
        await this.client.send(new PutCommand(item.Put));
      } else if (item.Update) {
        await this.client.send(new UpdateCommand(item.Update));
      }
    } catch (error) {
      throw translateAlarmWriteError(error, alarmId, write);
    }
  }
}
