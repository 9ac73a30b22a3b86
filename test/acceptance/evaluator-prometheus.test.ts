import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService, type LocalService } from '../support/local-service.js';
import { poll, startPrometheus, type PrometheusHarness } from '../support/prometheus.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const MEMBER = { 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'member', 'content-type': 'application/json' };
const INTERVAL = 1;

let prometheus: PrometheusHarness;
let service: LocalService;
let receiver: WebhookReceiver;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${service.url}${path}`, { method, headers: MEMBER, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: await response.json() };
}

async function createAlarm(name: string, threshold: number): Promise<string> {
  const created = await api('POST', '/v2/alarms', {
    name,
    type: 'prometheus',
    alarm_actions: [`${receiver.url}/alarm?token=s3cret`],
    ok_actions: [`${receiver.url}/ok`],
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
  receiver = await startWebhookReceiver();
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
  await receiver?.close();
});

describe('the evaluator in npm start, on the real Prometheus', () => {
  let alarmId = '';

  it("moves a breached prometheus alarm to alarm, with Aodh's reason and history, and the webhook gets Aodh's payload", async () => {
    alarmId = await createAlarm('cpu high', 80);
    const alarm = await waitForState(alarmId, 'alarm');
    expect(alarm.state_reason).toBe('Transition to alarm due to 1 samples outside threshold, most recent: 90.0');
    expect(alarm.state_timestamp).not.toBe(alarm.timestamp);
    const history = (await api('GET', `/v2/alarms/${alarmId}/history`)).body as Array<Record<string, string>>;
    expect(history[0]).toMatchObject({ type: 'state transition', on_behalf_of: 'p1', project_id: 'service', user_id: 'aodh' });
    expect(JSON.parse(history[0]?.detail ?? '{}')).toEqual({ state: 'alarm', transition_reason: alarm.state_reason });

    // The notifier (also running in npm start) delivers Aodh's webhook payload.
    await poll(10_000, async () => receiver.requests.some((request) => request.url.startsWith('/alarm')));
    const delivered = receiver.requests.find((request) => request.url.startsWith('/alarm'));
    expect(delivered?.method).toBe('POST');
    expect(delivered?.url).toBe('/alarm?token=s3cret');
    expect(delivered?.headers['content-type']).toBe('application/json');
    expect(delivered?.headers['x-openstack-request-id']).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(delivered?.headers['x-aodh-notification-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(delivered?.body ?? '{}')).toEqual({
      alarm_name: 'cpu high',
      alarm_id: alarmId,
      severity: 'low',
      previous: 'insufficient data',
      current: 'alarm',
      reason: alarm.state_reason,
      reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 90 },
    });
    expect(service.output()).not.toContain('s3cret');
  });

  it('goes back to ok when the series drops below the threshold', async () => {
    prometheus.exporter.set('cpu_util', { instance: 'a', project: 'p1' }, 50);
    const alarm = await waitForState(alarmId, 'ok');
    expect(alarm.state_reason).toBe('Transition to ok due to 1 samples inside threshold, most recent: 50.0');
    await poll(10_000, async () => receiver.requests.some((request) => request.url === '/ok'));
    expect(receiver.requests.filter((request) => request.url.startsWith('/alarm'))).toHaveLength(1);
  });
});
