import { TRANSITION_QUEUE_SPEC } from '../sqs/queue-spec.js';

/**
 * The DynamoDB table design, in one place: the adapter, the local runner (which
 * creates the tables on the emulator) and the CDK stateful stack all read it.
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

export interface TableSpec {
  /** Logical name; the physical name comes from configuration (`<prefix>-<logical>` locally, CDK-generated in AWS). */
  logicalName: string;
  partitionKey: { name: string; type: 'S' | 'N' };
  sortKey?: { name: string; type: 'S' | 'N' };
  indexes: IndexSpec[];
  ttlAttribute?: string;
}

export const ALARMS_TABLE = {
  logicalName: 'alarms',
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
  partitionKey: { name: 'alarm_id', type: 'S' },
  indexes: [
    /** A project's counters (non-admin GET /v2/metrics) are a Query, never a scan. */
    { name: 'by-project', partitionKey: { name: 'gsi_project', type: 'S' }, sortKey: { name: 'alarm_id', type: 'S' }, projection: 'ALL' },
  ],
  /** Epoch seconds; set only on a deleted alarm's tombstone, which blocks late increments for a day. */
  ttlAttribute: 'expires_at',
} as const satisfies TableSpec;

export const TABLES = [ALARMS_TABLE, HISTORY_TABLE, QUOTAS_TABLE, OUTBOX_TABLE, DELIVERIES_TABLE, COUNTERS_TABLE] as const;

export interface TableNames {
  alarms: string;
  history: string;
  quotas: string;
  outbox: string;
  deliveries: string;
  counters: string;
}
