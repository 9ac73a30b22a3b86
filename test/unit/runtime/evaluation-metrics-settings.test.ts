import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { readApiSettings, readEvaluatorSettings, SettingsError } from '../../../functions/runtime/env.js';
import { buildApiDeps, buildEvaluatorDeps, documentClient } from '../../../functions/runtime/wiring.js';
import { DynamoEvaluationCounters } from '../../../shared/adapters/dynamodb/evaluation-counters.js';

const api = { ALARMS_TABLE: 'alarms', HISTORY_TABLE: 'history', QUOTAS_TABLE: 'quotas', AUTH_MODE: 'noauth' };
const evaluator = { ALARMS_TABLE: 'alarms', HISTORY_TABLE: 'history', QUOTAS_TABLE: 'quotas', OUTBOX_TABLE: 'outbox', TRANSITION_QUEUE_URL: 'http://queue', DEAD_LETTER_QUEUE_URL: 'http://dlq' };
const readers = [
  ['api', (env: Record<string, string>) => readApiSettings({ ...api, ...env })],
  ['evaluator', (env: Record<string, string>) => readEvaluatorSettings({ ...evaluator, ...env })],
] as const;

describe.each(readers)('ENABLE_EVALUATION_RESULTS_METRICS in the %s settings', (_, read) => {
  it('is off by default, as in Aodh, and then needs no counters table', () => {
    expect(read({})).not.toHaveProperty('evaluationResultsMetrics');
    expect(read({ ENABLE_EVALUATION_RESULTS_METRICS: 'false', COUNTERS_TABLE: 'ignored' })).not.toHaveProperty('evaluationResultsMetrics');
  });

  it('names the counters table when on', () => {
    expect(read({ ENABLE_EVALUATION_RESULTS_METRICS: 'true', COUNTERS_TABLE: 'counters' }).evaluationResultsMetrics).toEqual({ countersTable: 'counters' });
  });

  it('fails fast when on without COUNTERS_TABLE, or when not a boolean', () => {
    expect(() => read({ ENABLE_EVALUATION_RESULTS_METRICS: 'true' })).toThrow(new SettingsError('environment variable COUNTERS_TABLE must be set'));
    expect(() => read({ ENABLE_EVALUATION_RESULTS_METRICS: 'sometimes' })).toThrow(SettingsError);
  });
});

describe('wiring of the evaluation counters', () => {
  const client = documentClient(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const on = { ENABLE_EVALUATION_RESULTS_METRICS: 'true', COUNTERS_TABLE: 'counters' };

  it('builds no counters adapter when metrics are off', () => {
    expect(buildApiDeps(readApiSettings(api), client).alarms.counters).toBeUndefined();
    expect(buildEvaluatorDeps(readEvaluatorSettings(evaluator), client).counters).toBeUndefined();
  });

  it('gives the API and the evaluator the DynamoDB adapter when on', () => {
    expect(buildApiDeps(readApiSettings({ ...api, ...on }), client).alarms.counters).toBeInstanceOf(DynamoEvaluationCounters);
    expect(buildEvaluatorDeps(readEvaluatorSettings({ ...evaluator, ...on }), client).counters).toBeInstanceOf(DynamoEvaluationCounters);
  });
});
