import { type FunctionRole, type TextSetting, text } from '../../setting-rows/setting.js';
import { TRANSITION_QUEUE_SPEC } from '../sqs/queue-spec.js';

/**
 * The DynamoDB table design, in one place: the adapter, the local runner (which
 * creates the tables on the emulator), the CDK stateful stack, the functions' grants and the
 * settings table (each table's name variable) all read it. A new table is one spec and one
 * entry in TABLES.
 *
 * Derived key attributes carry a prefix because DynamoDB keys cannot be empty
 * strings, while Aodh allows an empty project_id.
 */
export interface IndexSpec {
  name: string;
  partitionKey: { name: string; type: 'S' | 'N' };
  sortKey: { name: string; type: 'S' | 'N' };
  /** ALL for indexes that serve reads; KEYS_ONLY for indexes that only count. */
  projection: 'ALL' | 'KEYS_ONLY';
}

/** Item writes a function may be granted one by one (a transaction needs each of its items' actions). */
export type ItemWriteAction = 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:BatchWriteItem';

/**
 * - `read` / `readWrite`: CDK's data grants, on the table and its indexes.
 * - `{ read?, getItem?, queryIndexes?, writes }`: reads if asked (all of them, or only GetItem
 *   on the table and Query on the named indexes), plus exactly these item writes on the table
 *   itself (indexes only serve reads, so they never need a write action).
 * - `nameOnly`: the name alone, for code that is configured with every table name but
 *   never calls this one; no IAM at all.
 */
export type TableAccess =
  | 'read'
  | 'readWrite'
  | 'nameOnly'
  | { read?: boolean; getItem?: boolean; queryIndexes?: readonly string[]; writes: readonly ItemWriteAction[] };

/** The functions that use tables (the authorizer uses none). */
export type TableUser = Exclude<FunctionRole, 'authorizer'>;

/** Optional features that come with their own table. */
export type TableFeature = 'evaluationResultsMetrics';

export interface TableSpec {
  /** Logical name; the physical name comes from configuration (`<prefix>-<logical>` locally, CDK-generated in AWS). */
  logicalName: string;
  /** The CDK construct id (changing it replaces the table in a deployed stack). */
  constructId: string;
  /** The settings row of the variable that passes the physical name to the functions. */
  setting: TextSetting | TextSetting<string>;
  /**
   * Who uses the table and exactly how: CDK sets the name and grants that access on each
   * function listed, and the runtime reads the names its function is given.
   */
  access: Readonly<Partial<Record<TableUser, TableAccess>>>;
  /** Used only with this feature on: functions get the name and grants only then (the table always exists). */
  feature?: TableFeature;
  partitionKey: { name: string; type: 'S' | 'N' };
  sortKey?: { name: string; type: 'S' | 'N' };
  indexes: IndexSpec[];
  ttlAttribute?: string;
}

export const ALARMS_TABLE = {
  logicalName: 'alarms',
  constructId: 'Alarms',
  setting: text({ env: 'ALARMS_TABLE', section: 'wiring', doc: 'The alarms table.' }),
  access: {
    // The API owns alarms: read/write, nothing more.
    api: 'readWrite',
    // Query by-shard, GetItem after a transition; state changes are UpdateItem, alone or in a
    // transaction with history and outbox (IAM checks each item's action; there is no separate
    // transaction action to grant, nor a condition limiting UpdateItem to one).
    evaluator: { read: true, writes: ['dynamodb:UpdateItem'] },
    // Narrower than a table-wide read: candidates come from one index only (never a Scan), and
    // the store re-reads an alarm with GetItem after a transaction.
    listener: { getItem: true, queryIndexes: ['by-event-project'], writes: ['dynamodb:UpdateItem'] },
  },
  partitionKey: { name: 'alarm_id', type: 'S' },
  indexes: [
    /** A project's alarms in (timestamp, alarm_id) order: list pages and counts never scan. */
    { name: 'by-project', partitionKey: { name: 'gsi_project', type: 'S' }, sortKey: { name: 'ts_key', type: 'S' }, projection: 'ALL' },
    /** Sparse: only enabled alarms of scheduled types. The evaluator Queries one shard. */
    { name: 'by-shard', partitionKey: { name: 'eval_shard', type: 'N' }, sortKey: { name: 'alarm_id', type: 'S' }, projection: 'ALL' },
    /** Sparse: only enabled event alarms, by project. The listener's candidates. */
    { name: 'by-event-project', partitionKey: { name: 'event_project', type: 'S' }, sortKey: { name: 'alarm_id', type: 'S' }, projection: 'ALL' },
    /** A user's alarms across projects: the user quota counts them (Aodh's get_alarms(user=…)). */
    { name: 'by-user', partitionKey: { name: 'gsi_user', type: 'S' }, sortKey: { name: 'alarm_id', type: 'S' }, projection: 'KEYS_ONLY' },
  ],
} as const satisfies TableSpec;

export const HISTORY_TABLE = {
  logicalName: 'alarm-history',
  constructId: 'History',
  setting: text({ env: 'HISTORY_TABLE', section: 'wiring', doc: 'The alarm-history table.' }),
  access: {
    api: 'readWrite',
    // The transaction's Put of the transition record; transition writers never read history.
    evaluator: { writes: ['dynamodb:PutItem'] },
    listener: { writes: ['dynamodb:PutItem'] },
  },
  partitionKey: { name: 'alarm_id', type: 'S' },
  /** `<timestamp>#<event_id>`: a per-alarm Query with ScanIndexForward=false is newest first. */
  sortKey: { name: 'hist_key', type: 'S' },
  indexes: [
    /** History visible to one project (non-admin complex history queries). */
    { name: 'by-on-behalf-of', partitionKey: { name: 'gsi_on_behalf_of', type: 'S' }, sortKey: { name: 'hist_key', type: 'S' }, projection: 'ALL' },
  ],
  /** Epoch seconds; set when alarm_history_time_to_live > 0. */
  ttlAttribute: 'expires_at',
} as const satisfies TableSpec;

export const QUOTAS_TABLE = {
  logicalName: 'quotas',
  constructId: 'Quotas',
  setting: text({ env: 'QUOTAS_TABLE', section: 'wiring', doc: 'The quotas table.' }),
  access: {
    api: 'readWrite',
    // The store is configured with every table name, but transition writers never touch quotas.
    evaluator: 'nameOnly',
    listener: 'nameOnly',
  },
  partitionKey: { name: 'project_id', type: 'S' },
  sortKey: { name: 'resource', type: 'S' },
  indexes: [],
} as const satisfies TableSpec;

/**
 * Transitions recorded but not yet accepted by the transition queue (the outbox). Written
 * in the same transaction as the state change; deleted once the queue has the message;
 * whatever remains is re-sent by the next evaluation of its shard.
 */
export const OUTBOX_TABLE = {
  logicalName: 'transition-outbox',
  constructId: 'TransitionOutbox',
  setting: text({ env: 'OUTBOX_TABLE', section: 'wiring', doc: 'The transition outbox (evaluator, listener).' }),
  access: {
    // Put in the transaction, Query per shard to re-send, BatchWriteItem deletes once sent.
    evaluator: 'readWrite',
    listener: 'readWrite',
  },
  partitionKey: { name: 'shard', type: 'N' },
  /** `<timestamp>#<transition_id>`: oldest first within a shard. */
  sortKey: { name: 'out_key', type: 'S' },
  indexes: [],
} as const satisfies TableSpec;

/**
 * How long a delivery is remembered. A message can wait in the transition queue for its
 * retention and then in the DLQ for the DLQ's (a FIFO message's age restarts there); a redrive
 * at the very end must still find the record, so we keep it for both plus a day. 14 days
 * alone would be no longer than the DLQ retention.
 */
export const DELIVERY_RECORD_TTL_SECONDS =
  TRANSITION_QUEUE_SPEC.messageRetentionSeconds + TRANSITION_QUEUE_SPEC.deadLetterRetentionSeconds + 24 * 3600;

/**
 * Notifications delivered (one item per transition and action), so that a re-delivered SQS
 * message does not call a receiver again. Items expire after DELIVERY_RECORD_TTL_SECONDS.
 */
export const DELIVERIES_TABLE = {
  logicalName: 'deliveries',
  constructId: 'Deliveries',
  setting: text({ env: 'DELIVERIES_TABLE', section: 'wiring', doc: "The notifier's delivery ledger." }),
  access: {
    // A consistent GetItem before delivering, a create-only PutItem after.
    notifier: { read: true, writes: ['dynamodb:PutItem'] },
  },
  partitionKey: { name: 'notification_id', type: 'S' },
  indexes: [],
  /** Epoch seconds; always set. */
  ttlAttribute: 'expires_at',
} as const satisfies TableSpec;

/**
 * Evaluation counters (Aodh's `alarm_counter`), one item per alarm with one number
 * attribute per state (`ok`, `alarm`, `insufficient_data`, Aodh's spelling), so one
 * UpdateItem counts an alarm's cycle. Used only with enable_evaluation_results_metrics.
 */
export const COUNTERS_TABLE = {
  logicalName: 'evaluation-counters',
  constructId: 'EvaluationCounters',
  setting: text({ env: 'COUNTERS_TABLE', optional: true, section: 'wiring',
    doc: 'The evaluation-counters table; required when `ENABLE_EVALUATION_RESULTS_METRICS` is on (locally: `<prefix>-evaluation-counters`, created by `npm start`).' }),
  access: {
    // GET /v2/metrics reads the counters; deleting an alarm replaces its counters by a tombstone (Aodh cascades).
    api: { read: true, writes: ['dynamodb:PutItem'] },
    // One ADD per counted alarm per cycle; never read.
    evaluator: { writes: ['dynamodb:UpdateItem'] },
  },
  feature: 'evaluationResultsMetrics',
  partitionKey: { name: 'alarm_id', type: 'S' },
  indexes: [
    /** A project's counters (non-admin GET /v2/metrics) are a Query, never a scan. */
    { name: 'by-project', partitionKey: { name: 'gsi_project', type: 'S' }, sortKey: { name: 'alarm_id', type: 'S' }, projection: 'ALL' },
  ],
  /** Epoch seconds; set only on a deleted alarm's tombstone, which blocks late increments for a day. */
  ttlAttribute: 'expires_at',
} as const satisfies TableSpec;

/** Every table by role: the key names its settings row (`<role>Table`) and its slot in TableNames. */
export const TABLES = {
  alarms: ALARMS_TABLE,
  history: HISTORY_TABLE,
  quotas: QUOTAS_TABLE,
  outbox: OUTBOX_TABLE,
  deliveries: DELIVERIES_TABLE,
  counters: COUNTERS_TABLE,
} as const satisfies Readonly<Record<string, TableSpec>>;

export type TableRole = keyof typeof TABLES;
export type TableNames = Record<TableRole, string>;

/** The tables a function always uses (feature tables come with their feature's settings). */
export type TablesUsedBy<U extends TableUser> = {
  [K in TableRole as (typeof TABLES)[K] extends { feature: string } ? never : U extends keyof (typeof TABLES)[K]['access'] ? K : never]: string;
};

/** Roles of the tables `user` always uses, in TABLES order. */
export function tableRolesUsedBy<U extends TableUser>(user: U): (keyof TablesUsedBy<U> & TableRole)[] {
  return (Object.keys(TABLES) as TableRole[]).filter((role) => {
    const spec: TableSpec = TABLES[role];
    return spec.feature === undefined && spec.access[user] !== undefined;
  }) as (keyof TablesUsedBy<U> & TableRole)[];
}
