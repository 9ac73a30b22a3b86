import type { Acknowledgement, Alarm, AlarmState, StateDetail } from '../domain/alarm.js';
import type { AlarmChange } from '../domain/history.js';
import type { Quota } from '../domain/quota.js';
import type { TransitionMessage } from '../domain/transition.js';

/** Alarm attributes that list filters compare with equality (§6.5), pushed down to storage. */
export type AlarmEqualityFilter = Partial<
  Pick<Alarm, 'user_id' | 'type' | 'name' | 'enabled' | 'state' | 'severity' | 'timestamp' | 'repeat_actions'>
>;

export interface AlarmListQuery {
  /** Only this project's alarms (an index Query); undefined = every project (admin `all_projects`). */
  projectId?: string;
  filter?: AlarmEqualityFilter;
  /** Order of (timestamp, alarm_id). Default `desc` (Aodh's default list order). */
  order?: 'asc' | 'desc';
  /** Exclusive start: yield only alarms strictly after this one in `order`. */
  after?: Pick<Alarm, 'alarm_id' | 'timestamp'>;
  /** Read-ahead hint for the adapter's page size; the caller stops iterating when it has enough. */
  pageSize?: number;
}

/** A state change: applied only if the stored alarm still has `expectedVersion`. */
export interface StateUpdate {
  alarmId: string;
  expectedVersion: number;
  state: AlarmState;
  stateReason: string;
  /** Set when the state changes (fixes Aodh's evaluators never updating it, §13.2). */
  stateTimestamp?: string;
  /** The alarm's state_detail (pending transition); null removes it; undefined leaves it. */
  stateDetail?: StateDetail | null;
  /** The alarm's acknowledgement; null removes it; undefined leaves it. */
  acknowledged?: Acknowledgement | null;
  /** When a repeat notification went out; undefined leaves it. */
  lastRepeatAt?: string;
  /** History row written atomically with the state change. */
  history?: AlarmChange;
  /**
   * Queued for the notifier atomically with the state change (the outbox): a transition
   * is never recorded without its notification, even if the queue is down right after.
   */
  notification?: TransitionMessage;
}

/**
 * Alarm quotas checked atomically with a create: the count and the insert are one write, so
 * parallel creates can never overshoot. A negative limit means unlimited.
 */
export interface AlarmLimits {
  /** Alarms of the new alarm's project. */
  project: number;
  /** Alarms of the new alarm's user, across projects. */
  user: number;
}

/** A create would have taken the owner past a limit; `scope` says which. Nothing was written. */
export class QuotaExceededError extends Error {
  constructor(readonly scope: 'project' | 'user') {
    super(`alarm quota of the ${scope} exhausted`);
    this.name = 'QuotaExceededError';
  }
}

export interface HistoryQuery {
  alarmId: string;
  /** Newest first by default. */
  order?: 'asc' | 'desc';
}

/**
 * The alarm store (Aodh's storage connection), one AWS adapter (DynamoDB) and one
 * in-memory adapter, both held to test/integration/contracts/alarm-store.contract.ts.
 *
 * Contract:
 * - every write bumps `version` by exactly 1; the stored `version` is the store's, not the caller's;
 * - `createAlarm` fails with ConflictError if the id exists, and with QuotaExceededError if
 *   `limits` are given and the owner already has that many alarms (checked atomically);
 * - per-project and per-user alarm counts follow every create, delete and owner change;
 * - `replaceAlarm`, `updateState` fail with AlarmNotFoundError if the alarm is gone and
 *   ConflictError if `version` moved since it was read;
 * - list/scan methods are lazy and page through storage; breaking out of the loop stops reading;
 * - history rows live and die with their alarm and expire after the TTL: once `deleteAlarm`
 *   returns, no read shows them; they are removed afterwards, in bounded steps, by
 *   `purgeDeletedHistory` (the alarm's purge stays pending until that reports done).
 */
export interface AlarmStore {
  createAlarm(alarm: Alarm, creation?: AlarmChange, limits?: AlarmLimits): Promise<Alarm>;
  getAlarm(alarmId: string): Promise<Alarm | undefined>;
  /** Full replacement (API PUT). Conditional on `alarm.version` being the stored version. */
  replaceAlarm(alarm: Alarm, change?: AlarmChange): Promise<Alarm>;
  /** Conditional state write plus its history row, atomically. Returns the alarm as stored after. */
  updateState(update: StateUpdate): Promise<Alarm>;
  /**
   * Deletes the alarm and leaves its history pending purge, atomically: one write whatever the
   * history length. Returns the deleted alarm, or undefined if there was none.
   */
  deleteAlarm(alarmId: string): Promise<Alarm | undefined>;
  /**
   * Removes up to `maxRows` history rows of a deleted alarm; true once none are left (the purge is
   * then no longer pending). A no-op answering true for an alarm with no pending purge.
   */
  purgeDeletedHistory(alarmId: string, maxRows: number): Promise<boolean>;
  /** Deleted alarms whose history purge is pending, optionally only those of the given virtual shards. */
  listPendingPurges(shards?: readonly number[]): AsyncIterable<string>;
  /** Whether the alarm was deleted and its history purge is still pending. */
  isPurgePending(alarmId: string): Promise<boolean>;

  /** Alarms ordered by (timestamp, alarm_id); never a table scan when `projectId` is given. */
  listAlarms(query: AlarmListQuery): AsyncIterable<Alarm>;
  /** Alarms of one project, or of one user across all projects (index Queries, never a scan). */
  countAlarms(scope: { projectId: string } | { userId: string }): Promise<number>;
  /** Enabled alarms of a trigger-`scheduled` type in one virtual shard (the evaluator's work list). */
  listShardAlarms(shard: number): AsyncIterable<Alarm>;
  /** Enabled `event` alarms of one project (the listener's candidates). */
  listEventAlarms(projectId: string): Promise<Alarm[]>;

  /** Outbox entries of one shard, oldest first: recorded transitions the queue has not accepted yet. */
  listPendingTransitions(shard: number): AsyncIterable<TransitionMessage>;
  /** Removes outbox entries once the queue has accepted them. */
  clearPendingTransitions(messages: readonly TransitionMessage[]): Promise<void>;

  appendHistory(change: AlarmChange): Promise<void>;
  listHistory(query: HistoryQuery): AsyncIterable<AlarmChange>;
  /** History across alarms, for complex queries; restricted to one `on_behalf_of` project when given. */
  scanHistory(scope: { onBehalfOf?: string }): AsyncIterable<AlarmChange>;

  getQuotas(projectId: string): Promise<Quota[]>;
  /** Upserts per (project, resource); returns all of the project's quotas. */
  setQuotas(projectId: string, quotas: Quota[]): Promise<Quota[]>;
  deleteQuotas(projectId: string): Promise<void>;
}
