import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readAuthorizerSettings } from '../../functions/runtime/keystone-env.js';
import { synthAodh } from './synth.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:aodh-keystone-AbCdEf';
const KEYSTONE = { authMode: 'keystone', keystoneUrl: 'https://keystone.example:5000/v3', keystoneServicePasswordSecret: SECRET, keystoneTokenCacheTtl: '120' };

type Fn = { Properties: { Environment?: { Variables?: Record<string, string> }; Role: { 'Fn::GetAtt': [string, string] } } };

describe('authMode=keystone in AWS', () => {
  it('refuses to synthesize without the Keystone URL and the password secret', () => {
    expect(() => synthAodh({ authMode: 'keystone' })).toThrow(/'keystoneUrl' must be set.*'keystoneServicePasswordSecret' must be set/s);
    expect(() => synthAodh({ ...KEYSTONE, keystoneServicePasswordSecret: 'aodh-password' })).toThrow(/keystoneServicePasswordSecret' must be a Secrets Manager secret ARN/);
  });

  it('puts a cached Lambda REQUEST authorizer on X-Auth-Token in front of every route except the preflights', () => {
    const template = Template.fromStack(synthAodh(KEYSTONE).service);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.X-Auth-Token'],
      AuthorizerResultTtlInSeconds: 120,
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => (route as { Properties: { RouteKey: string; AuthorizationType: string } }).Properties);
    expect(Object.fromEntries(routes.map((route) => [route.RouteKey, route.AuthorizationType]))).toEqual({
      'ANY /': 'CUSTOM', 'ANY /{proxy+}': 'CUSTOM', 'OPTIONS /': 'NONE', 'OPTIONS /{proxy+}': 'NONE',
    });
  });

  it('deploys the authorizer with the settings it reads, and the API with the URL for its challenge', () => {
    const functions = Object.values(Template.fromStack(synthAodh(KEYSTONE).service).findResources('AWS::Lambda::Function')) as Fn[];
    const variables = functions.map((fn) => fn.Properties.Environment?.Variables ?? {});
    const authorizer = variables.find((vars) => vars.POWERTOOLS_SERVICE_NAME === 'aodh-authorize') ?? {};
    expect(authorizer).toMatchObject({ KEYSTONE_URL: KEYSTONE.keystoneUrl, KEYSTONE_SERVICE_PASSWORD_SECRET: SECRET, KEYSTONE_SERVICE_USER: 'aodh', KEYSTONE_TOKEN_CACHE_TTL: '120' });
    expect(authorizer.KEYSTONE_SERVICE_PASSWORD).toBeUndefined();
    expect(readAuthorizerSettings(authorizer)).toMatchObject({ password: { secretId: SECRET }, cacheTtlSeconds: 120, userDomain: 'Default' });
    expect(variables.find((vars) => vars.POWERTOOLS_SERVICE_NAME === 'aodh-api')).toMatchObject({ AUTH_MODE: 'keystone', KEYSTONE_URL: KEYSTONE.keystoneUrl });
  });

  it('grants secretsmanager:GetSecretValue on that secret only, to the authorizer only', () => {
    const template = Template.fromStack(synthAodh(KEYSTONE).service);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Array<{ Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> }; Roles: unknown[] } }>;
    const secretStatements = policies.flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:'))).map((statement) => ({ statement, roles: policy.Properties.Roles })),
    );
    expect(secretStatements).toHaveLength(1);
    expect(secretStatements[0]?.statement).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: SECRET });
    const authorizerFn = (Object.values(template.findResources('AWS::Lambda::Function')) as Fn[]).find((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'aodh-authorize');
    expect(secretStatements[0]?.roles).toEqual([{ Ref: authorizerFn?.Properties.Role['Fn::GetAtt'][0] }]);
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', FunctionName: Match.anyValue() });
  });
});
