import { RemovalPolicy } from 'aws-cdk-lib';
import { type Attribute, AttributeType, Billing, type ITableV2, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  ALARMS_TABLE,
  COUNTERS_TABLE,
  DELIVERIES_TABLE,
  HISTORY_TABLE,
  OUTBOX_TABLE,
  QUOTAS_TABLE,
  type TableNames,
  type TableSpec,
} from '../../shared/adapters/dynamodb/schema.js';

/** The tables by role, with the same keys the adapter's `TableNames` uses. */
export type AlarmTableSet = { readonly [K in keyof TableNames]: ITableV2 };

/** Which spec builds which role; the specs (keys, indexes, TTL) are the single source of truth. */
export const TABLE_SPECS = {
  alarms: ALARMS_TABLE,
  history: HISTORY_TABLE,
  quotas: QUOTAS_TABLE,
  outbox: OUTBOX_TABLE,
  deliveries: DELIVERIES_TABLE,
  counters: COUNTERS_TABLE,
} as const satisfies { readonly [K in keyof TableNames]: TableSpec };

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER } as const;

function attribute(key: TableSpec['partitionKey']): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}

/** Builds one table exactly as its spec says; everything else is a storage policy shared by all. */
function tableFromSpec(scope: Construct, id: string, spec: TableSpec): TableV2 {
  return new TableV2(scope, id, {
    partitionKey: attribute(spec.partitionKey),
    sortKey: spec.sortKey && attribute(spec.sortKey),
    // Alarm traffic is spiky (bursts of evaluations and API calls) and small: on-demand
    // avoids capacity planning and throttling on bursts.
    billing: Billing.onDemand(),
    // Alarm definitions and history are user data that cannot be rebuilt from elsewhere.
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    timeToLiveAttribute: spec.ttlAttribute,
    globalSecondaryIndexes: spec.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      // Same projection as the local tables (create-tables.ts): queries on an index must
      // return the same attributes in AWS as they do in tests.
      projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
    })),
  });
}

/**
 * The Aodh tables. Physical names are left to CloudFormation so that stages
 * (and replacements) never collide; functions learn them through environment variables.
 */
export class AlarmTables extends Construct implements AlarmTableSet {
  readonly alarms: TableV2;
  readonly history: TableV2;
  readonly quotas: TableV2;
  readonly outbox: TableV2;
  readonly deliveries: TableV2;
  readonly counters: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.alarms = tableFromSpec(this, 'Alarms', TABLE_SPECS.alarms);
    this.history = tableFromSpec(this, 'History', TABLE_SPECS.history);
    this.quotas = tableFromSpec(this, 'Quotas', TABLE_SPECS.quotas);
    this.outbox = tableFromSpec(this, 'TransitionOutbox', TABLE_SPECS.outbox);
    this.deliveries = tableFromSpec(this, 'Deliveries', TABLE_SPECS.deliveries);
    this.counters = tableFromSpec(this, 'EvaluationCounters', TABLE_SPECS.counters);
  }
}
