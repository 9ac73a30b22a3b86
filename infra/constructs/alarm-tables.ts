import { RemovalPolicy } from 'aws-cdk-lib';
import { type Attribute, AttributeType, Billing, type ITableV2, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLES, type TableNames, type TableRole, type TableSpec } from '../../shared/adapters/dynamodb/schema.js';

/** The tables by role, with the same keys the adapter's `TableNames` uses. */
export type AlarmTableSet = { readonly [K in keyof TableNames]: ITableV2 };

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
export class AlarmTables extends Construct {
  readonly tables: AlarmTableSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const tables: Partial<Record<TableRole, TableV2>> = {};
    for (const role of Object.keys(TABLES) as TableRole[]) tables[role] = tableFromSpec(this, TABLES[role].constructId, TABLES[role]);
    this.tables = tables as AlarmTableSet;
  }
}
