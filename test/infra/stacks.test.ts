import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readApiSettings } from '../../functions/runtime/env.js';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { TABLES, type TableRole, type TableSpec } from '../../shared/adapters/dynamodb/schema.js';
import { ENV, synthAodh } from './synth.js';
import {
  crossStackResolver,
  environmentOf,
  logicalId,
  type Resource,
  resourceNamed,
  resources,
  statementsOf,
} from './templates.js';

const ROLES = Object.keys(TABLES) as TableRole[];
/** The API owns alarms, their history and quotas; the outbox belongs to the evaluator alone. */
const API_ROLES = ['alarms', 'history', 'quotas'] as const;
const DYNAMODB_DATA_ACTIONS = new Set(
  ['BatchGetItem', 'Query', 'GetItem', 'Scan', 'ConditionCheckItem', 'BatchWriteItem', 'PutItem', 'UpdateItem']
    .concat(['DeleteItem', 'DescribeTable', 'GetRecords', 'GetShardIterator'])
    .map((action) => `dynamodb:${action}`),
);

function keySchema(spec: { partitionKey: { name: string }; sortKey?: { name: string } }) {
  return [
    { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
    ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
}

function attributeTypes(spec: TableSpec): Record<string, string> {
  const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return Object.fromEntries(keys.flatMap((key) => (key ? [[key.name, key.type]] : [])));
}

describe('Aodh CDK app', () => {
  let stacks: AodhStacks;
  let stateful: Template;
  let service: Template;
  /** Cross-stack reference → the stateful stack's 'LogicalId' / 'LogicalId.Arn' it carries. */
  let follow: (value: unknown) => string;

  function tableId(role: TableRole): string {
    return logicalId(stacks.stateful, stacks.stateful.tables[role]);
  }

  beforeAll(() => {
    stacks = synthAodh({
      corsAllowedOrigins: 'https://a.example,https://b.example',
      alarmMaxActions: '10',
      alarmHistoryTimeToLive: '86400',
      gnocchiUrl: 'http://gnocchi.internal:8041',
      // The console's bucket, distribution and CDK's deployment handler are test/infra/console.test.ts's.
      deployConsole: 'false',
    });
    stateful = Template.fromStack(stacks.stateful);
    service = Template.fromStack(stacks.service);
    follow = crossStackResolver(stateful);
  });

  it('names the stacks after the stage', () => {
    expect([stacks.stateful.stackName, stacks.service.stackName]).toEqual(['Aodh-dev-Stateful', 'Aodh-dev-Service']);
  });

  describe('stateful stack', () => {
    it('has exactly the tables of schema.ts', () => {
      stateful.resourceCountIs('AWS::DynamoDB::GlobalTable', ROLES.length);
    });

    it.each(ROLES)('builds the %s table from its spec, on demand, with PITR, retained', (role) => {
      const spec: TableSpec = TABLES[role];
      const table = stateful.toJSON().Resources[tableId(role)] as Resource;
      const props = table.Properties;
      expect(props.KeySchema).toEqual(keySchema(spec));
      const definitions = props.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
      expect(Object.fromEntries(definitions.map((d) => [d.AttributeName, d.AttributeType]))).toEqual(attributeTypes(spec));
      expect(props.GlobalSecondaryIndexes ?? []).toEqual(
        spec.indexes.map((index) => ({ IndexName: index.name, KeySchema: keySchema(index), Projection: { ProjectionType: index.projection } })),
      );
      expect(props.TimeToLiveSpecification).toEqual(
        spec.ttlAttribute ? { AttributeName: spec.ttlAttribute, Enabled: true } : undefined,
      );
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.Replicas).toEqual([
        expect.objectContaining({ Region: ENV.region, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]);
      expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    });
  });

  describe('API function', () => {
    it('is a Node 22 function on arm64 with the ESM bundle entry, 512 MB, beside the evaluator, listener and notifier', () => {
      service.resourceCountIs('AWS::Lambda::Function', 4);
      expect(resourceNamed(service, 'AWS::Lambda::Function', 'ApiHandlerFunction').Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 10,
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^ApiHandlerLogs/) } },
        Tags: expect.arrayContaining([{ Key: 'project', Value: 'aodh' }, { Key: 'stage', Value: 'dev' }]),
      });
      service.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    it('passes settings and table names in the variables functions/runtime/env.ts reads', () => {
      const env = environmentOf(resourceNamed(service, 'AWS::Lambda::Function', 'ApiHandlerFunction'), follow);
      expect(env).not.toHaveProperty('OUTBOX_TABLE');
      expect(env).not.toHaveProperty('TRANSITION_QUEUE_URL');
      expect(env).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'aodh-api' });
      expect(readApiSettings(env)).toMatchObject({
        tables: { alarms: tableId('alarms'), history: tableId('history'), quotas: tableId('quotas') },
        authMode: 'jwt',
        gnocchiUrl: 'http://gnocchi.internal:8041',
        corsAllowedOrigins: ['https://a.example', 'https://b.example'],
        alarmMaxActions: 10,
        userAlarmQuota: -1,
        projectAlarmQuota: -1,
        alarmHistoryTimeToLive: 86_400,
      });
    });

    it('may only use alarms, history and quotas (and their indexes) and write its own logs: no outbox, no queue', () => {
      service.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
      const statements = statementsOf(service, 'ApiHandlerRole');
      expect(statements.length).toBeGreaterThan(0);
      const granted = new Set<string>();
      for (const statement of statements) {
        const actions = [statement.Action].flat();
        const targets = [statement.Resource].flat().map(follow);
        expect(targets).not.toContain('"*"');
        if (actions.every((action) => action.startsWith('logs:'))) {
          expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
          expect(statement.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiHandlerLogs/), 'Arn'] });
          continue;
        }
        for (const action of actions) expect(DYNAMODB_DATA_ACTIONS).toContain(action);
        for (const target of targets) granted.add(target);
      }
      const expected = API_ROLES.flatMap((role) => {
        const arn = `${tableId(role)}.Arn`;
        return TABLES[role].indexes.length > 0 ? [arn, `${arn}/index/*`] : [arn];
      });
      expect([...granted].sort()).toEqual(expected.sort());
    });
  });

  describe('HTTP API', () => {
    it('routes every path and method to the function with payload format 2.0, throttled, without API-level CORS', () => {
      service.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      service.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', CorsConfiguration: Match.absent() });
      service.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
      service.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiHandlerFunction'), 'Arn'] },
      });
      const routes = resources(service, 'AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey);
      expect(routes.sort()).toEqual(['ANY /', 'ANY /{proxy+}', 'OPTIONS /', 'OPTIONS /{proxy+}']);
      service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      });
      expect(Object.keys(service.findOutputs('*', { Value: Match.objectLike({}) }))).toEqual([
        expect.stringMatching(/^ApiUrl/),
      ]);
    });

    it('warns that jwt mode without issuer/audience attaches no authorizer', () => {
      service.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
      service.allResourcesProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'NONE' });
      Annotations.fromStack(stacks.service).hasWarning('/Aodh-dev-Service/Api', Match.stringLikeRegexp('jwtIssuer'));
    });
  });
});
