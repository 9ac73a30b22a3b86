import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService, type LocalService } from '../support/local-service.js';
import { poll, startPrometheus, type PrometheusHarness } from '../support/prometheus.js';

const MEMBER = { 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'member', 'content-type': 'application/json' };
const INTERVAL = 1;

let prometheus: PrometheusHarness;
let service: LocalService;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${service.url}${path}`, { method, headers: MEMBER, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: await response.json() };
}

async function createAlarm(name: string, threshold: number): Promise<string> {
  const created = await api('POST', '/v2/alarms', {
    name,
    type: 'prometheus',
    alarm_actions: ['http://127.0.0.1:9/alarm'],
    ok_actions: ['http://127.0.0.1:9/ok'],
    prometheus_rule: { query: 'cpu_util', threshold, comparison_operator: 'gt' },
  });
  expect(created.status).toBe(201);
  return (created.body as { alarm_id: string }).alarm_id;
}

async function waitForState(alarmId: string, state: string): Promise<Record<string, unknown>> {
  let alarm: Record<string, unknown> = {};
  // Two intervals plus the emulators' latency: the issue's bound for a state change.
  await poll(2 * INTERVAL * 1000 + 8_000, async () => {
    alarm = (await api('GET', `/v2/alarms/${alarmId}`)).body as Record<string, unknown>;
    return alarm.state === state;
  });
  return alarm;
}

beforeAll(async () => {
  prometheus = await startPrometheus({
    gauges: [
      { name: 'cpu_util', labels: { instance: 'a', project: 'p1' }, value: 90 },
      // Another project's series: scope_to_project must keep it out of p1's alarms.
      { name: 'cpu_util', labels: { instance: 'b', project: 'p2' }, value: 10 },
    ],
  });
  service = await startLocalService({ PROMETHEUS_URL: prometheus.url, EVALUATION_INTERVAL: String(INTERVAL) });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await prometheus?.stop();
});

describe('the evaluator in npm start, on the real Prometheus', () => {
  let alarmId = '';

  it('moves a breached prometheus alarm to alarm, with Aodh reason, history and a queued transition', async () => {
    alarmId = await createAlarm('cpu high', 80);
    const alarm = await waitForState(alarmId, 'alarm');
    expect(alarm.state_reason).toBe('Transition to alarm due to 1 samples outside threshold, most recent: 90.0');
    expect(alarm.state_timestamp).not.toBe(alarm.timestamp);
    const history = (await api('GET', `/v2/alarms/${alarmId}/history`)).body as Array<Record<string, string>>;
    expect(history[0]).toMatchObject({ type: 'state transition', on_behalf_of: 'p1', project_id: 'service', user_id: 'aodh' });
    expect(JSON.parse(history[0]?.detail ?? '{}')).toEqual({ state: 'alarm', transition_reason: alarm.state_reason });

    const queueUrl = /transitions: (\S+)\)/.exec(service.output())?.[1] ?? '';
    const sqs = new SQSClient({ endpoint: new URL(queueUrl).origin, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    sqs.destroy();
    const bodies = (Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>);
    expect(bodies).toContainEqual(
      expect.objectContaining({
        alarm_id: alarmId,
        alarm_name: 'cpu high',
        previous: 'insufficient data',
        current: 'alarm',
        actions: ['http://127.0.0.1:9/alarm'],
        reason: alarm.state_reason,
        reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 90 },
      }),
    );
  });

  it('goes back to ok when the series drops below the threshold', async () => {
    prometheus.exporter.set('cpu_util', { instance: 'a', project: 'p1' }, 50);
    const alarm = await waitForState(alarmId, 'ok');
    expect(alarm.state_reason).toBe('Transition to ok due to 1 samples inside threshold, most recent: 50.0');
  });
});
