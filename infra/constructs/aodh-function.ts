import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TABLES, type TableAccess, type TableFeature, type TableRole, type TableSpec, type TableUser } from '../../shared/adapters/dynamodb/schema.js';
import { acknowledgeTableIndexWildcards } from '../nag.js';
import type { AlarmTableSet } from './alarm-tables.js';

/** The repository root: entries and the lock file are resolved from here, whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundled code is ESM, but some dependencies are CJS and call `require` (for Node
 * built-ins); ESM has no `require`, so the bundle defines one.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __aodhCreateRequire } from 'node:module';" +
  'const require = __aodhCreateRequire(import.meta.url);';

export interface AodhFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/api/handler.ts`. */
  entry: string;
  /** Exported handler name in the entry file. */
  handler?: string;
  /** POWERTOOLS_SERVICE_NAME: one per deployed function so logs can be filtered by role. */
  serviceName: string;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  description?: string;
  memorySize?: number;
  timeout?: Duration;
  /** Concurrency reserved for (and capping) the function; 0 or absent reserves none. */
  reservedConcurrency?: number;
}

/** Memory of every function that sets none (MB); the bench's cost model reads it. */
export const DEFAULT_MEMORY_SIZE_MB = 512;

/**
 * One place for the Lambda defaults every Aodh function shares (runtime, arch, bundling,
 * logs), so functions differ only in what they are, not in how they are built.
 */
export class AodhFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AodhFunctionProps) {
    super(scope, id);
    // The stack is stateless and retention already bounds the cost, so logs go with it.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole: that managed policy allows
    // logs:* on every log group, while the function only writes to its own.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    acknowledgeTableIndexWildcards(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE_MB,
      // API Gateway gives up after 30 s; 10 s leaves DynamoDB retries room without hiding hangs.
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      role,
      logGroup: this.logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        // Prefer packages' ESM builds so tree shaking works on them.
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Line mappings are enough for stack traces; embedded sources would double the asset.
        sourcesContent: false,
        // The Node 22 runtime ships SDK v3; bundling it only adds cold-start weight.
        externalModules: ['@aws-sdk/*'],
        // Synth must work on machines without Docker (esbuild is a devDependency).
        forceDockerBundling: false,
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: a supported (LTS) Lambda runtime that the bundles (esbuild target node22) and ' +
        'the bundle-size bench are built and measured for; moving to Node 24 is a separate, tested upgrade',
    });
  }

  /**
   * Passes the name of every table schema.ts says this function uses, in the table's settings
   * variable, and grants exactly the access declared there (see TableAccess). Feature tables
   * are bound only when their feature is on. Declaring both in one place keeps env and IAM
   * from drifting apart as tables and functions are added.
   */
  bindTables(user: TableUser, tables: AlarmTableSet, features: { readonly [F in TableFeature]: boolean }): void {
    for (const role of Object.keys(TABLES) as TableRole[]) {
      const spec: TableSpec = TABLES[role];
      const access = spec.access[user];
      if (access === undefined || (spec.feature !== undefined && !features[spec.feature])) continue;
      this.bindTable(spec, tables[role], access);
    }
  }

  private bindTable(spec: TableSpec, table: ITableV2, access: TableAccess): void {
    const variable = spec.setting.env;
    if (variable === undefined) throw new Error(`table ${spec.logicalName}: its setting has no variable`);
    this.fn.addEnvironment(variable, table.tableName);
    if (access === 'nameOnly') return;
    if (access === 'read') table.grantReadData(this.fn);
    else if (access === 'readWrite') table.grantReadWriteData(this.fn);
    else {
      if (access.read) table.grantReadData(this.fn);
      for (const index of access.queryIndexes ?? []) {
        if (!spec.indexes.some((declared) => declared.name === index)) throw new Error(`table ${spec.logicalName} has no index ${index}`);
      }
      const reads = [
        ...(access.getItem ? [{ actions: ['dynamodb:GetItem'], resourceArns: [table.tableArn] }] : []),
        ...(access.queryIndexes?.length ? [{ actions: ['dynamodb:Query'], resourceArns: access.queryIndexes.map((index) => `${table.tableArn}/index/${index}`) }] : []),
      ];
      for (const grant of reads) Grant.addToPrincipal({ grantee: this.fn, ...grant });
      Grant.addToPrincipal({ grantee: this.fn, actions: [...access.writes], resourceArns: [table.tableArn] });
    }
  }
}
