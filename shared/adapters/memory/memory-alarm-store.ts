import type { Alarm } from '../../domain/alarm.js';
import type { AlarmChange } from '../../domain/history.js';
import type { Quota } from '../../domain/quota.js';
import type { TransitionMessage } from '../../domain/transition.js';
import { shardOf as defaultShardOf } from '../../domain/shard.js';
import { parseTimestamp } from '../../domain/time.js';
import { AlarmNotFoundError, ConflictError, InvalidInputError } from '../../errors.js';
import { type AlarmEqualityFilter, type AlarmLimits, type AlarmListQuery, type AlarmStore, type HistoryQuery, QuotaExceededError, type StateUpdate } from '../../ports/alarm-store.js';

export interface MemoryAlarmStoreOptions {
  /** Aodh's alarm_history_time_to_live; <= 0 or undefined keeps history forever. */
  historyTtlSeconds?: number;
  shardOf?: (alarmId: string) => number;
  isScheduledType: (type: string) => boolean;
  isEventType: (type: string) => boolean;
  /** Decides which history rows have expired. */
  now?: () => Date;
}

interface StoredChange {
  change: AlarmChange;
  /** Epoch seconds, fixed at write time like the DynamoDB adapter's `expires_at`. */
  expiresAt?: number;
}

const outboxKey = (message: TransitionMessage): string => `${message.timestamp}#${message.transition_id}`;

type Ordered = Pick<Alarm, 'alarm_id' | 'timestamp'>;

/**
 * The AlarmStore in process memory, for unit tests and the local runner without an
 * emulator. It mirrors the DynamoDB adapter's observable behaviour, including its
 * quirks (byte-wise key order, the empty project owning no quotas), so both pass the
 * same contract suite. Every check-and-set runs without an await in between, which is
 * what makes it atomic on the single JS thread.
 */
export class MemoryAlarmStore implements AlarmStore {
  private readonly alarms = new Map<string, Alarm>();
  private readonly history = new Map<string, StoredChange[]>();
  private readonly quotas = new Map<string, Map<string, Quota>>();
  private readonly outbox = new Map<string, TransitionMessage>();
  /** Deleted alarms whose history rows are still here, hidden from reads until purged. */
  private readonly purging = new Set<string>();
  private readonly shardOf: (alarmId: string) => number;
  private readonly now: () => Date;

  constructor(private readonly options: MemoryAlarmStoreOptions) {
    this.shardOf = options.shardOf ?? ((alarmId) => defaultShardOf(alarmId));
    this.now = options.now ?? (() => new Date());
  }

  async createAlarm(alarm: Alarm, creation?: AlarmChange, limits?: AlarmLimits): Promise<Alarm> {
    if (this.alarms.has(alarm.alarm_id)) throw new ConflictError(`Alarm ${alarm.alarm_id} already exists`);
    // Counted and inserted with no await in between: atomic on the single JS thread.
    if (limits && limits.project >= 0 && this.count((stored) => stored.project_id === alarm.project_id) >= limits.project) {
      throw new QuotaExceededError('project');
    }
    if (limits && limits.user >= 0 && this.count((stored) => stored.user_id === alarm.user_id) >= limits.user) throw new QuotaExceededError('user');
    return this.store({ ...alarm, version: 1 }, creation);
  }

  async getAlarm(alarmId: string): Promise<Alarm | undefined> {
    const alarm = this.alarms.get(alarmId);
    return alarm && structuredClone(alarm);
  }

  async replaceAlarm(alarm: Alarm, change?: AlarmChange): Promise<Alarm> {
    this.expectVersion(alarm.alarm_id, alarm.version);
    return this.store({ ...alarm, version: alarm.version + 1 }, change);
  }

  async updateState(update: StateUpdate): Promise<Alarm> {
    const current = this.expectVersion(update.alarmId, update.expectedVersion);
    const next: Alarm = { ...current, state: update.state, state_reason: update.stateReason, version: current.version + 1 };
    if (update.stateTimestamp !== undefined) next.state_timestamp = update.stateTimestamp;
    if (update.stateDetail === null) delete next.state_detail;
    else if (update.stateDetail !== undefined) next.state_detail = update.stateDetail;
    if (update.acknowledged === null) delete next.acknowledged;
    else if (update.acknowledged !== undefined) next.acknowledged = update.acknowledged;
    if (update.lastRepeatAt !== undefined) next.last_repeat_at = update.lastRepeatAt;
    const stored = this.store(next, update.history);
    if (update.notification) this.outbox.set(outboxKey(update.notification), structuredClone(update.notification));
    return stored;
  }

  async *listPendingTransitions(shard: number): AsyncIterable<TransitionMessage> {
    const pending = [...this.outbox.entries()]
      .filter(([, message]) => this.shardOf(message.alarm_id) === shard)
      .sort(([a], [b]) => compareBytes(a, b));
    for (const [, message] of pending) yield structuredClone(message);
  }

  async clearPendingTransitions(messages: readonly TransitionMessage[]): Promise<void> {
    for (const message of messages) this.outbox.delete(outboxKey(message));
  }

  async deleteAlarm(alarmId: string): Promise<Alarm | undefined> {
    const alarm = this.alarms.get(alarmId);
    if (!alarm) return undefined;
    this.alarms.delete(alarmId);
    this.purging.add(alarmId);
    return alarm;
  }

  async purgeDeletedHistory(alarmId: string, maxRows: number): Promise<boolean> {
    if (!this.purging.has(alarmId)) return true;
    const rows = this.history.get(alarmId) ?? [];
    const left = rows.slice(maxRows);
    if (left.length > 0) {
      this.history.set(alarmId, left);
      return false;
    }
    this.history.delete(alarmId);
    this.purging.delete(alarmId);
    return true;
  }

  async *listPendingPurges(shards?: readonly number[]): AsyncIterable<string> {
    const pending = [...this.purging].filter((alarmId) => !shards || shards.includes(this.shardOf(alarmId)));
    yield* pending.sort(compareBytes);
  }

  async isPurgePending(alarmId: string): Promise<boolean> {
    return this.purging.has(alarmId);
  }

  async *listAlarms(query: AlarmListQuery): AsyncIterable<Alarm> {
    const direction = query.order === 'asc' ? 1 : -1;
    const { after } = query;
    // A snapshot, like a page already read: writes during iteration are not seen.
    const alarms = [...this.alarms.values()]
      .filter((alarm) => query.projectId === undefined || alarm.project_id === query.projectId)
      .filter((alarm) => matches(alarm, query.filter))
      .filter((alarm) => !after || direction * compareAlarms(alarm, after) > 0)
      .sort((a, b) => direction * compareAlarms(a, b));
    for (const alarm of alarms) yield structuredClone(alarm);
  }

  async countAlarms(scope: { projectId: string } | { userId: string }): Promise<number> {
    return this.count('projectId' in scope ? (alarm) => alarm.project_id === scope.projectId : (alarm) => alarm.user_id === scope.userId);
  }

  private count(counted: (alarm: Alarm) => boolean): number {
    let count = 0;
    for (const alarm of this.alarms.values()) if (counted(alarm)) count++;
    return count;
  }

  async *listShardAlarms(shard: number): AsyncIterable<Alarm> {
    yield* this.select((alarm) => alarm.enabled && this.options.isScheduledType(alarm.type) && this.shardOf(alarm.alarm_id) === shard);
  }

  async listEventAlarms(projectId: string): Promise<Alarm[]> {
    return this.select((alarm) => alarm.enabled && this.options.isEventType(alarm.type) && alarm.project_id === projectId);
  }

  async appendHistory(change: AlarmChange): Promise<void> {
    this.record(change);
  }

  async *listHistory(query: HistoryQuery): AsyncIterable<AlarmChange> {
    if (this.purging.has(query.alarmId)) return;
    yield* this.liveHistory(this.history.get(query.alarmId) ?? [], query.order ?? 'desc');
  }

  async *scanHistory(scope: { onBehalfOf?: string }): AsyncIterable<AlarmChange> {
    const rows = [...this.history.entries()].filter(([alarmId]) => !this.purging.has(alarmId)).flatMap(([, kept]) => kept);
    yield* this.liveHistory(
      rows.filter((row) => scope.onBehalfOf === undefined || row.change.on_behalf_of === scope.onBehalfOf),
      'desc',
    );
  }

  async getQuotas(projectId: string): Promise<Quota[]> {
    const rows = [...(this.quotas.get(projectId)?.values() ?? [])];
    return rows.sort((a, b) => compareBytes(a.resource, b.resource)).map((quota) => ({ ...quota }));
  }

  async setQuotas(projectId: string, quotas: Quota[]): Promise<Quota[]> {
    // The DynamoDB quotas table keys on the raw project_id, which cannot be empty.
    if (projectId === '') throw new InvalidInputError('Quotas need a non-empty project_id', 'project_id');
    const rows = this.quotas.get(projectId) ?? new Map<string, Quota>();
    for (const quota of quotas) rows.set(quota.resource, { resource: quota.resource, limit: quota.limit });
    this.quotas.set(projectId, rows);
    return this.getQuotas(projectId);
  }

  async deleteQuotas(projectId: string): Promise<void> {
    this.quotas.delete(projectId);
  }

  private expectVersion(alarmId: string, expected: number): Alarm {
    const stored = this.alarms.get(alarmId);
    if (!stored) throw new AlarmNotFoundError(alarmId);
    if (stored.version !== expected) throw new ConflictError(`Alarm ${alarmId} was modified concurrently`);
    return stored;
  }

  private store(alarm: Alarm, change: AlarmChange | undefined): Alarm {
    const stored = structuredClone(alarm);
    this.alarms.set(stored.alarm_id, stored);
    if (change) this.record(change);
    return structuredClone(stored);
  }

  private record(change: AlarmChange): void {
    const rows = this.history.get(change.alarm_id) ?? [];
    // Same key as the DynamoDB row: a second write with the same timestamp and event_id replaces the first.
    const key = histKey(change);
    const kept = rows.filter((row) => histKey(row.change) !== key);
    kept.push({ change: structuredClone(change), expiresAt: expiresAt(change.timestamp, this.options.historyTtlSeconds) });
    this.history.set(change.alarm_id, kept);
  }

  /** By alarm_id, the order of the sparse indexes' sort key. */
  private select(predicate: (alarm: Alarm) => boolean): Alarm[] {
    return [...this.alarms.values()]
      .filter(predicate)
      .sort((a, b) => compareBytes(a.alarm_id, b.alarm_id))
      .map((alarm) => structuredClone(alarm));
  }

  private liveHistory(rows: StoredChange[], order: 'asc' | 'desc'): AlarmChange[] {
    const now = Math.floor(this.now().getTime() / 1000);
    const direction = order === 'asc' ? 1 : -1;
    return rows
      .filter((row) => row.expiresAt === undefined || row.expiresAt > now)
      .sort((a, b) => direction * compareBytes(histKey(a.change), histKey(b.change)))
      .map((row) => structuredClone(row.change));
  }
}

function matches(alarm: Alarm, filter: AlarmEqualityFilter | undefined): boolean {
  return Object.entries(filter ?? {}).every(([name, value]) => value === undefined || alarm[name as keyof AlarmEqualityFilter] === value);
}

/** DynamoDB orders string keys by UTF-8 bytes; JS `<` compares UTF-16 units, which differ above U+FFFF. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The DynamoDB adapter's `ts_key` order: '#' sorts below every timestamp character, so this is (timestamp, alarm_id). */
function compareAlarms(a: Ordered, b: Ordered): number {
  return compareBytes(`${a.timestamp}#${a.alarm_id}`, `${b.timestamp}#${b.alarm_id}`);
}

function histKey(change: Pick<AlarmChange, 'timestamp' | 'event_id'>): string {
  return `${change.timestamp}#${change.event_id}`;
}

function expiresAt(timestamp: string, ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined || ttlSeconds <= 0) return undefined;
  const written = parseTimestamp(timestamp);
  return written && Math.floor(written.getTime() / 1000) + ttlSeconds;
}
