import { readFileSync } from 'node:fs';
import { metricSourceSettings } from '../../../shared/metric-sources/settings.js';
import { notifierSettings } from '../../../shared/notifiers/settings.js';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeploySettings } from '../../../infra/settings.js';
import { localEnvironment } from '../../../infra/local/local-env.js';
import { README_PATH, renderReadme } from '../../../scripts/settings-docs.js';
import { environmentOf } from '../../../shared/settings/environment.js';
import { readSetting, SettingsError } from '../../../shared/settings/setting.js';
import { SETTINGS } from '../../../shared/settings/table.js';

const rows = Object.values(SETTINGS);
const upperSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

describe('the settings table', () => {
  it('is what the README shows (run `npm run docs:settings` after changing a row)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });

  it('fails the README check when a generated table is edited by hand', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    const edited = readme.replace('| `EVALUATION_INTERVAL` | `60` |', '| `EVALUATION_INTERVAL` | `30` |');
    expect(edited).not.toBe(readme);
    expect(renderReadme(edited)).toBe(readme);
  });

  it('names each variable as the UPPER_SNAKE of its key, once', () => {
    const names = rows.flatMap((row) => (row.env ? [row.env] : []));
    expect(new Set(names).size).toBe(names.length);
    for (const row of rows) if (row.env) expect(row.env).toBe(upperSnake(row.key));
  });

  it('documents every row in one line, and gives every deploy-only row a context key', () => {
    for (const row of rows) {
      expect(row.doc.trim(), row.key).not.toBe('');
      expect(row.doc, row.key).not.toContain('\n');
      if (!row.env) expect(row.context, row.key).toBeDefined();
    }
  });

  it('deploys only what the CDK app reads: every deployTo row is a deploy setting', () => {
    const settings = readDeploySettings(new App().node);
    for (const row of rows.filter((r) => r.deployTo)) {
      expect(row.context, row.key).toBeDefined();
      // A plugin's rows are read generically into `metricSources` or `notifiers` (unset ones left out).
      const keys = row.key in metricSourceSettings ? Object.keys(metricSourceSettings) : row.key in notifierSettings ? Object.keys(settings.notifiers) : Object.keys(settings);
      expect(keys, row.key).toContain(row.key);
    }
  });

  it('formats each deploy default as text its own parser reads back', () => {
    for (const row of rows) {
      const text = row.format(row.default as never);
      if (text !== undefined) expect(row.parse(text), row.key).toEqual(row.default);
    }
  });

  it('reads the runtime messages the functions always gave', () => {
    expect(() => readSetting({ EVALUATION_INTERVAL: '0' }, SETTINGS.evaluationInterval)).toThrow(new SettingsError('environment variable EVALUATION_INTERVAL must be at least 1, got 0'));
    expect(() => readSetting({ EVENT_ALARM_CACHE_TTL: '-1' }, SETTINGS.eventAlarmCacheTtl)).toThrow(new SettingsError('environment variable EVENT_ALARM_CACHE_TTL must be 0 or more, got -1'));
    expect(() => readSetting({ AUTH_MODE: 'basic' }, SETTINGS.authMode)).toThrow(new SettingsError("environment variable AUTH_MODE must be 'noauth', 'jwt' or 'keystone', got 'basic'"));
    expect(() => readSetting({ WEBHOOK_ALLOW_LOOPBACK: 'Maybe' }, SETTINGS.webhookAllowLoopback)).toThrow(new SettingsError("environment variable WEBHOOK_ALLOW_LOOPBACK must be true or false, got 'maybe'"));
    expect(() => readSetting({ ALARM_MAX_ACTIONS: '1.5' }, SETTINGS.alarmMaxActions)).toThrow(new SettingsError("environment variable ALARM_MAX_ACTIONS must be an integer, got '1.5'"));
    expect(() => readSetting({}, SETTINGS.alarmsTable)).toThrow(new SettingsError('environment variable ALARMS_TABLE must be set'));
    expect(() => readSetting({ PORT: '70000' }, SETTINGS.port)).toThrow(new SettingsError("environment variable PORT must be a TCP port, got '70000'"));
    expect(readSetting({ CORS_ALLOWED_ORIGINS: ' https://a.example, ,* ' }, SETTINGS.corsAllowedOrigins)).toEqual(['https://a.example', '*']);
  });

  it('maps keys to variables and refuses a deploy-only key', () => {
    expect(environmentOf({ transitionQueueUrl: 'u', gnocchiUrl: undefined })).toEqual({ TRANSITION_QUEUE_URL: 'u' });
    expect(() => environmentOf({ stage: 'dev' })).toThrow(/deploy-only/);
  });
});

describe('npm start defaults (infra/local/local-env.ts)', () => {
  const endpoints = { dynamo: 'http://d', sqs: 'http://s', transitionQueueUrl: 'http://s/t.fifo', deadLetterQueueUrl: 'http://s/d.fifo' };

  it('uses the local defaults of the table', () => {
    const local = localEnvironment({});
    expect(local).toMatchObject({ port: 8042, host: '127.0.0.1', eventsPort: 8044, dataDir: '.local/data', authMode: 'noauth', dynamoPort: undefined, sqsPort: undefined });
    expect(local.tables.alarms).toBe('aodh-local-alarms');
    expect(local.processEnv(endpoints)).toMatchObject({
      AUTH_MODE: 'noauth',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      ALARMS_TABLE: 'aodh-local-alarms',
      COUNTERS_TABLE: 'aodh-local-evaluation-counters',
      TRANSITION_QUEUE_URL: endpoints.transitionQueueUrl,
      DEAD_LETTER_QUEUE_URL: endpoints.deadLetterQueueUrl,
      AWS_ENDPOINT_URL_DYNAMODB: 'http://d',
    });
  });

  it('passes what the caller set, and refuses a bad port with its name', () => {
    const local = localEnvironment({ AUTH_MODE: 'jwt', WEBHOOK_ALLOW_LOOPBACK: 'false', TABLE_PREFIX: 'x', PORT: '9000' });
    expect(local).toMatchObject({ port: 9000, authMode: 'jwt' });
    expect(local.processEnv(endpoints)).toMatchObject({ AUTH_MODE: 'jwt', WEBHOOK_ALLOW_LOOPBACK: 'false', ALARMS_TABLE: 'x-alarms' });
    expect(() => localEnvironment({ DYNAMODB_PORT: 'abc' })).toThrow("environment variable DYNAMODB_PORT must be a TCP port, got 'abc'");
  });
});
