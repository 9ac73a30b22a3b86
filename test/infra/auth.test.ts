import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readApiSettings } from '../../functions/runtime/env.js';
import { synthAodh } from './synth.js';
import { settingsFrom } from './settings-support.js';

describe('API authentication settings', () => {
  it('refuses to synthesize noauth without allowNoauth, saying which key allows it', () => {
    expect(() => synthAodh({ authMode: 'noauth' })).toThrow(/context key 'authMode' is 'noauth'.*-c allowNoauth=true/s);
  });

  it('synthesizes noauth when allowed, with no authorizer and a warning on the API', () => {
    const { service } = synthAodh({ authMode: 'noauth', allowNoauth: 'true' });
    const template = Template.fromStack(service);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ AUTH_MODE: 'noauth' }) },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    template.allResourcesProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'NONE' });
    Annotations.fromStack(service).hasWarning(`/${service.stackName}/Api`, Match.stringLikeRegexp('authMode is noauth'));
  });

  it('puts a JWT authorizer on every route except the CORS preflights', () => {
    const { service } = synthAodh({
      stage: 'prod',
      jwtIssuer: 'https://idp.example/realms/aodh',
      jwtAudience: 'aodh,aodh-cli',
    });
    const template = Template.fromStack(service);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://idp.example/realms/aodh', Audience: ['aodh', 'aodh-cli'] },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => (route as { Properties: { RouteKey: string; AuthorizationType: string } }).Properties,
    );
    const byKey = Object.fromEntries(routes.map((route) => [route.RouteKey, route.AuthorizationType]));
    expect(byKey).toEqual({
      'ANY /': 'JWT',
      'ANY /{proxy+}': 'JWT',
      'OPTIONS /': 'NONE',
      'OPTIONS /{proxy+}': 'NONE',
    });
    expect(service.stackName).toBe('Aodh-prod-Service');
    Annotations.fromStack(service).hasNoWarning('*', Match.anyValue());
  });

  it('reads the JWT from X-Auth-Token when jwtTokenHeader says so (OpenStack clients)', () => {
    const { service } = synthAodh({ jwtIssuer: 'https://idp.example/realms/aodh', jwtAudience: 'aodh', jwtTokenHeader: 'X-Auth-Token' });
    Template.fromStack(service).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.X-Auth-Token'] });
    expect(() => synthAodh({ jwtIssuer: 'https://idp.example/realms/aodh', jwtAudience: 'aodh', jwtTokenHeader: 'Cookie' })).toThrow(/jwtTokenHeader/);
  });

  it('passes the JWT admin scope to the API: by default the admin role is cloud admin nowhere', () => {
    expect(settingsFrom({})).toMatchObject({ jwtAdminRole: 'admin', jwtAdminProjectIds: [] });
    const { service } = synthAodh({ jwtAdminRole: 'cloud-admin', jwtAdminProjectIds: 'ops-project,admin-project' });
    const api = Object.values(Template.fromStack(service).findResources('AWS::Lambda::Function')).find(
      (fn) => (fn as { Properties: { Environment?: { Variables?: Record<string, string> } } }).Properties.Environment?.Variables?.AUTH_MODE,
    ) as { Properties: { Environment: { Variables: Record<string, string> } } };
    expect(api.Properties.Environment.Variables).toMatchObject({ JWT_ADMIN_ROLE: 'cloud-admin', JWT_ADMIN_PROJECT_IDS: 'ops-project,admin-project' });
    const env = { ...api.Properties.Environment.Variables, ALARMS_TABLE: 'a', HISTORY_TABLE: 'h', QUOTAS_TABLE: 'q' };
    expect(readApiSettings(env).jwtAdmin).toEqual({ role: 'cloud-admin', projectIds: ['ops-project', 'admin-project'] });
  });
});
