import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { alarmOf, expectError, type Json } from './support.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const post = (type: string, rule: unknown) => api.call('POST', '/v2/alarms', { as: MEMBER, body: alarmOf(type, rule) });
const invalid = (field: string, value: string, why: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. ${why}`;
const cloudwatch = { namespace: 'MyApp/Web', metric_name: 'Latency', threshold: 80, comparison_operator: 'gt', evaluation_periods: 5 };
const gnocchi = { metric: 'cpu', resource_id: 'r1', resource_type: 'instance', aggregation_method: 'mean', threshold: 80, comparison_operator: 'gt', evaluation_periods: 3 };

describe('alarm semantics fields (beyond Aodh)', () => {
  it('are stored and returned on every threshold type; absent, the rule is exactly as before', async () => {
    const semantics = { datapoints_to_alarm: 3, datapoints_to_ok: 2, treat_missing_data: 'breaching', ok_threshold: 70 };
    for (const [type, rule] of [
      ['cloudwatch_threshold', cloudwatch],
      ['gnocchi_resources_threshold', gnocchi],
      ['prometheus', { query: 'max(latency)', threshold: 80, comparison_operator: 'gt', evaluation_periods: 3, granularity: 30 }],
    ] as const) {
      const reply = await post(type, { ...rule, ...semantics });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      expect((reply.body as Json)[`${type}_rule`]).toMatchObject(semantics);
      const plain = await post(type, rule);
      expect(Object.keys((plain.body as Json)[`${type}_rule`] as Json)).not.toContain('datapoints_to_alarm');
    }
  });

  it('400 naming datapoints_to_alarm / datapoints_to_ok above evaluation_periods', async () => {
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, datapoints_to_alarm: 6 }), 400, invalid('datapoints_to_alarm', '6', 'Value should be at most evaluation_periods (5)'));
    expectError(await post('gnocchi_resources_threshold', { ...gnocchi, datapoints_to_ok: 4 }), 400, invalid('datapoints_to_ok', '4', 'Value should be at most evaluation_periods (3)'));
    // An instant prometheus query is one point: M can only be 1 there.
    expectError(await post('prometheus', { query: 'up', threshold: 1, datapoints_to_alarm: 2 }), 400, invalid('datapoints_to_alarm', '2', 'Value should be at most evaluation_periods (1)'));
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, datapoints_to_alarm: 0 }), 400, /^Invalid input for field\/attribute datapoints_to_alarm\. Value: '0'\./);
  });

  it('400 naming ok_threshold on the wrong side of threshold, or with eq/ne', async () => {
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, ok_threshold: 90 }), 400, invalid('ok_threshold', '90', 'Value should be at most threshold (80) for comparison_operator gt'));
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, comparison_operator: 'lt', ok_threshold: 70 }), 400, invalid('ok_threshold', '70', 'Value should be at least threshold (80) for comparison_operator lt'));
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, comparison_operator: 'eq', ok_threshold: 70 }), 400, invalid('ok_threshold', '70', 'ok_threshold needs comparison_operator lt, le, ge or gt'));
  });

  it('400 naming treat_missing_data outside its values, and prometheus granularity without evaluation_periods', async () => {
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, treat_missing_data: 'notBreaching' }), 400, /^Invalid input for field\/attribute treat_missing_data\. Value: 'notBreaching'\./);
    expectError(await post('prometheus', { query: 'up', threshold: 1, granularity: 60 }), 400, /^Invalid input for field\/attribute granularity\. Value: '60'\. granularity needs evaluation_periods/);
  });

  it('pending_period / recovery_period: whole evaluation intervals (60 s here), else 400 naming the field', async () => {
    const ok = await post('cloudwatch_threshold', { ...cloudwatch, pending_period: 120, recovery_period: 0 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).not.toHaveProperty('state_detail');
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, pending_period: 90 }), 400, invalid('pending_period', '90', 'Value should be a multiple of the evaluation interval (60 s)'));
    expectError(await post('prometheus', { query: 'up', threshold: 1, recovery_period: 30 }), 400, invalid('recovery_period', '30', 'Value should be a multiple of the evaluation interval (60 s)'));
    expectError(await post('cloudwatch_threshold', { ...cloudwatch, pending_period: -60 }), 400, /^Invalid input for field\/attribute pending_period\. Value: '-60'\./);
  });

  it('state_detail is read-only: sent back (as `aodh alarm update` does while a move is pending), it is ignored', async () => {
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: { ...alarmOf('cloudwatch_threshold', cloudwatch), state_detail: { pending: 'alarm' } } });
    expect(reply.status).toBe(201);
    expect(reply.body).not.toHaveProperty('state_detail');
  });
});
