import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { problemsFrom, settingsFrom } from './settings-support.js';


describe('readDeploySettings', () => {
  it('uses the documented defaults when the context is empty', () => {
    expect(settingsFrom({})).toEqual({
      stage: 'dev',
      authMode: 'jwt',
      allowNoauth: false,
      deployConsole: true,
      jwt: undefined,
      corsAllowedOrigins: [],
      alarmMaxActions: -1,
      userAlarmQuota: -1,
      projectAlarmQuota: -1,
      alarmHistoryTimeToLive: -1,
      enableEvaluationResultsMetrics: false,
      // A source's own rows: unset optional ones are left out.
      metricSources: { cloudwatchProjectDimension: 'project_id', cloudwatchTenantNamespaces: [] },
      evaluationInterval: 60,
      evaluatorShardGroups: 16,
      evaluationConcurrency: 100,
      evaluationSpreadPercent: 0,
      additionalIngestionLag: 0,
      eventAlarmCacheTtl: 60,
      serviceUserId: 'aodh',
      serviceProjectId: 'service',
      logRetentionDays: RetentionDays.ONE_MONTH,
      // A scheme's own rows with a context key (the webhook's PEM paths have none).
      notifiers: { webhookAllowLoopback: false, webhookAllowPrivateNetworks: false, webhookTimeoutMs: 5_000, restNotifierSslVerify: true },
      notifierTargets: [],
      jwtAdminRole: 'admin',
      jwtAdminProjectIds: [],
      keystoneUrl: undefined,
      keystoneServiceUser: 'aodh',
      keystoneServicePasswordSecret: undefined,
      keystoneServiceProject: 'service',
      keystoneUserDomain: 'Default',
      keystoneProjectDomain: 'Default',
      keystoneRegion: 'RegionOne',
      keystoneTokenCacheTtl: 300,
      evaluatorReservedConcurrency: 32,
      listenerReservedConcurrency: 20,
      notifierReservedConcurrency: 20,
      notifierMaxConcurrency: 20,
    });
  });

  it('coerces the strings that -c key=value delivers', () => {
    const settings = settingsFrom({
      stage: 'prod',
      authMode: 'noauth',
      allowNoauth: 'TRUE',
      corsAllowedOrigins: 'https://a.example, https://b.example:8443',
      jwtIssuer: 'https://idp.example/realms/aodh',
      jwtAudience: '["aodh","aodh-cli"]',
      alarmMaxActions: '10',
      userAlarmQuota: '0',
      projectAlarmQuota: ' 50 ',
      alarmHistoryTimeToLive: '86400',
      gnocchiUrl: 'http://gnocchi.internal:8041',
      prometheusUrl: 'https://prometheus.internal:9090',
      evaluationInterval: '15',
      evaluatorShardGroups: '64',
      evaluationConcurrency: '20',
      additionalIngestionLag: '30',
      eventAlarmCacheTtl: '0',
      serviceUserId: 'svc-aodh',
      serviceProjectId: 'services',
      logRetentionDays: '90',
      webhookAllowPrivateNetworks: 'true',
      webhookAllowLoopback: 'false',
      webhookTimeoutMs: '9000',
      restNotifierSslVerify: 'False',
      notifierTargets: 'arn:aws:sns:eu-west-1:123456789012:alarms, arn:aws:lambda:*:123456789012:function:on-*',
    });
    expect(settings).toMatchObject({
      stage: 'prod',
      authMode: 'noauth',
      allowNoauth: true,
      corsAllowedOrigins: ['https://a.example', 'https://b.example:8443'],
      jwt: { issuer: 'https://idp.example/realms/aodh', audience: ['aodh', 'aodh-cli'], tokenHeader: 'Authorization' },
      alarmMaxActions: 10,
      userAlarmQuota: 0,
      projectAlarmQuota: 50,
      alarmHistoryTimeToLive: 86_400,
      metricSources: { gnocchiUrl: 'http://gnocchi.internal:8041', prometheusUrl: 'https://prometheus.internal:9090' },
      evaluationInterval: 15,
      evaluatorShardGroups: 64,
      evaluationConcurrency: 20,
      additionalIngestionLag: 30,
      eventAlarmCacheTtl: 0,
      serviceUserId: 'svc-aodh',
      serviceProjectId: 'services',
      logRetentionDays: RetentionDays.THREE_MONTHS,
      notifiers: { webhookAllowPrivateNetworks: true, webhookAllowLoopback: false, webhookTimeoutMs: 9_000, restNotifierSslVerify: false },
      notifierTargets: ['arn:aws:sns:eu-west-1:123456789012:alarms', 'arn:aws:lambda:*:123456789012:function:on-*'],
    });
  });

  it('accepts typed JSON values as cdk.json gives them', () => {
    const settings = settingsFrom({ allowNoauth: false, corsAllowedOrigins: ['*'], alarmMaxActions: 3 });
    expect(settings).toMatchObject({ allowNoauth: false, corsAllowedOrigins: ['*'], alarmMaxActions: 3 });
  });

  it('treats an empty -c value as unset', () => {
    const settings = settingsFrom({ gnocchiUrl: '', stage: ' ' });
    expect(settings.stage).toBe('dev');
    expect(settings.metricSources).not.toHaveProperty('gnocchiUrl');
  });

  it('reports every invalid value at once, each naming its context key', () => {
    const message = problemsFrom({
      stage: '1-starts-with-a-digit',
      authMode: 'ldap',
      allowNoauth: 'yes please',
      alarmMaxActions: 'many',
      userAlarmQuota: 1.5,
      logRetentionDays: 31,
      corsAllowedOrigins: 'https://ok.example,https://bad.example/path',
      gnocchiUrl: 'ftp://gnocchi',
      jwtIssuer: 'http://insecure.example',
      jwtAudience: 'aodh',
      prometheusUrl: 'prometheus:9090',
      evaluationInterval: '45',
      evaluatorShardGroups: '10',
      evaluationConcurrency: '0',
      additionalIngestionLag: '-5',
      eventAlarmCacheTtl: '1m',
      webhookAllowPrivateNetworks: 'maybe',
      webhookAllowLoopback: 1,
      webhookTimeoutMs: '10000',
      restNotifierSslVerify: 'no',
      notifierTargets: ['arn:aws:sqs:eu-west-1:123456789012:ok', 'arn:aws:dynamodb:eu-west-1:123456789012:table/alarms'],
    });
    for (const key of [
      'stage',
      'authMode',
      'allowNoauth',
      'alarmMaxActions',
      'userAlarmQuota',
      'logRetentionDays',
      'corsAllowedOrigins',
      'gnocchiUrl',
      'jwtIssuer',
      'prometheusUrl',
      'evaluationInterval',
      'evaluatorShardGroups',
      'evaluationConcurrency',
      'additionalIngestionLag',
      'eventAlarmCacheTtl',
      'webhookAllowPrivateNetworks',
      'webhookAllowLoopback',
      'webhookTimeoutMs',
      'restNotifierSslVerify',
      'notifierTargets',
    ]) {
      expect(message).toContain(`context key '${key}'`);
    }
    expect(message).toContain('https://bad.example/path');
    expect(message).toContain('table/alarms');
    expect(message).not.toContain('123456789012:ok');
  });

  it.each([1, 2, 5, 10, 15, 20, 30, 60, 120, 3600])('accepts evaluationInterval %i (divides the minute or whole minutes)', (interval) => {
    expect(settingsFrom({ evaluationInterval: String(interval) }).evaluationInterval).toBe(interval);
  });

  it.each([0, -60, 7, 45, 59, 61, 90])('rejects evaluationInterval %i, naming the key', (interval) => {
    expect(problemsFrom({ evaluationInterval: interval })).toContain("context key 'evaluationInterval'");
  });

  it.each([1, 2, 16, 256])('accepts %i evaluatorShardGroups (a divisor of the 256 shards)', (groups) => {
    expect(settingsFrom({ evaluatorShardGroups: groups }).evaluatorShardGroups).toBe(groups);
  });

  it.each([0, 3, 100, 512])('rejects %i evaluatorShardGroups, naming the key', (groups) => {
    expect(problemsFrom({ evaluatorShardGroups: groups })).toContain("context key 'evaluatorShardGroups'");
  });

  it('requires jwtIssuer and jwtAudience together', () => {
    expect(problemsFrom({ jwtIssuer: 'https://idp.example' })).toMatch(/'jwtIssuer' and 'jwtAudience' must be set together/);
    expect(problemsFrom({ jwtAudience: 'aodh' })).toMatch(/'jwtIssuer' and 'jwtAudience' must be set together/);
  });

  it('refuses noauth unless allowNoauth is given, saying how to allow it', () => {
    expect(problemsFrom({ authMode: 'noauth' })).toMatch(/context key 'authMode' is 'noauth'.*-c allowNoauth=true/s);
    expect(problemsFrom({ authMode: 'noauth', allowNoauth: 'false' })).toContain('allowNoauth');
  });
});
