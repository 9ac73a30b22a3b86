import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchFake, type CloudWatchFake } from '../support/cloudwatch-fake.js';
import { startGnocchiStub, type GnocchiStub } from '../support/gnocchi-stub.js';
import { startLocalService, type LocalService } from '../support/local-service.js';
import { poll } from '../support/prometheus.js';

const ADMIN = { 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'admin', 'content-type': 'application/json' };

let gnocchi: GnocchiStub;
let cloudwatch: CloudWatchFake;
let service: LocalService;

async function create(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${service.url}/v2/alarms`, { method: 'POST', headers: ADMIN, body: JSON.stringify(body) });
  const created = (await response.json()) as { alarm_id?: string };
  expect(response.status, JSON.stringify(created)).toBe(201);
  return created.alarm_id ?? '';
}

async function stateOf(alarmId: string): Promise<Record<string, string>> {
  return (await (await fetch(`${service.url}/v2/alarms/${alarmId}`, { headers: ADMIN })).json()) as Record<string, string>;
}

async function waitFor(alarmId: string, state: string): Promise<Record<string, string>> {
  let alarm: Record<string, string> = {};
  await poll(10_000, async () => (alarm = await stateOf(alarmId)).state === state);
  return alarm;
}

const gnocchiRule = { metric: 'cpu', resource_id: 'vm-1', resource_type: 'instance', aggregation_method: 'mean', threshold: 80, comparison_operator: 'gt' };
const cloudwatchRule = { namespace: 'Aodh/Acceptance', metric_name: 'Latency', dimensions: [{ name: 'Service', value: 'api' }], statistic: 'Average', period: 60, threshold: 200, comparison_operator: 'gt' };

beforeAll(async () => {
  [gnocchi, cloudwatch] = await Promise.all([startGnocchiStub(), startCloudWatchFake()]);
  // One point per minute from five minutes back to five ahead: whatever minute the evaluator
  // runs in (the test may cross a minute boundary), its one-period window holds a point.
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const offsets = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
  const points = offsets.map((offset) => [new Date(minute + offset * 60_000).toISOString(), 60, 95] as [string, number, number]);
  gnocchi.addResource({ id: 'vm-1', type: 'instance', metrics: { cpu: { measures: points } } });
  const client = new CloudWatchClient({ endpoint: cloudwatch.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(
    new PutMetricDataCommand({
      Namespace: 'Aodh/Acceptance',
      MetricData: offsets.map((offset) => ({ MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'api' }], Timestamp: new Date(minute + offset * 60_000 + 30_000), Value: 250 })),
    }),
  );
  client.destroy();
  service = await startLocalService({ GNOCCHI_URL: gnocchi.url, AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.endpoint, EVALUATION_INTERVAL: '1' });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await Promise.all([gnocchi?.stop(), cloudwatch?.stop()]);
});

describe('the evaluator in npm start, on Gnocchi and CloudWatch endpoints', () => {
  it('moves a gnocchi_resources_threshold alarm to alarm', async () => {
    const alarmId = await create({ name: 'gnocchi cpu', type: 'gnocchi_resources_threshold', gnocchi_resources_threshold_rule: gnocchiRule });
    expect((await waitFor(alarmId, 'alarm')).state_reason).toBe('Transition to alarm due to 1 samples outside threshold, most recent: 95.0');
  });

  it('moves a cloudwatch_threshold alarm to alarm', async () => {
    const alarmId = await create({ name: 'api latency', type: 'cloudwatch_threshold', cloudwatch_threshold_rule: cloudwatchRule });
    expect((await waitFor(alarmId, 'alarm')).state_reason).toBe('Transition to alarm due to 1 samples outside threshold, most recent: 250.0');
  });

  it('moves a composite of both to alarm, naming both rules', async () => {
    const alarmId = await create({
      name: 'both',
      type: 'composite',
      composite_rule: { and: [{ type: 'gnocchi_resources_threshold', ...gnocchiRule }, { type: 'cloudwatch_threshold', ...cloudwatchRule }] },
    });
    const alarm = await waitFor(alarmId, 'alarm');
    expect(alarm.state_reason).toBe('Composite rule alarm with composition form: (rule1 and rule2) transition to alarm, due to rules: rule1, rule2 outside their threshold.');
  });

  it('goes to insufficient data when the gnocchi resource disappears', async () => {
    const alarmId = await create({ name: 'missing vm', type: 'gnocchi_resources_threshold', state: 'ok', gnocchi_resources_threshold_rule: { ...gnocchiRule, resource_id: 'vm-gone' } });
    expect((await waitFor(alarmId, 'insufficient data')).state_reason).toMatch(/^resource vm-gone does not exists$|^metric cpu for resource vm-gone does not exists$/);
  });
});
