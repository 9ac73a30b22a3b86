import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService, type LocalService } from '../support/local-service.js';
import { poll } from '../support/prometheus.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const MEMBER = { 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'member', 'content-type': 'application/json' };

let service: LocalService;
let receiver: WebhookReceiver;
let events: EventBridgeClient;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // Alarms are created between events here; with Aodh's default 60 s candidate cache a new alarm
  // would stay unseen until the project's entry expires, as in Aodh.
  service = await startLocalService({ EVALUATION_INTERVAL: '60', EVENT_ALARM_CACHE_TTL: '0' });
  events = new EventBridgeClient({ endpoint: service.eventsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
}, 120_000);

afterAll(async () => {
  events?.destroy();
  await service?.stop();
  await receiver?.close();
});

async function createEventAlarm(name: string, eventType: string, query: unknown[]): Promise<string> {
  const response = await fetch(`${service.url}/v2/alarms`, {
    method: 'POST',
    headers: MEMBER,
    body: JSON.stringify({ name, type: 'event', event_rule: { event_type: eventType, query }, alarm_actions: [`${receiver.url}/${name}`] }),
  });
  const body = (await response.json()) as { alarm_id: string };
  expect(response.status).toBe(201);
  return body.alarm_id;
}

async function stateOf(alarmId: string): Promise<string> {
  return ((await (await fetch(`${service.url}/v2/alarms/${alarmId}`, { headers: MEMBER })).json()) as { state: string }).state;
}

describe('event alarms in npm start, fired through the local EventBridge bus', () => {
  it('fires on a Ceilometer event put with the real SDK; bad entries in the batch are refused or skipped', async () => {
    const alarmId = await createEventAlarm('instance-error', 'compute.instance.*', [{ field: 'traits.state', op: 'eq', value: 'error', type: 'string' }]);
    const detail = { message_id: 'm-1', event_type: 'compute.instance.update', generated: '2026-11-24T10:00:00', traits: [['project_id', 1, 'p1'], ['state', 1, 'error']] };
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'openstack.ceilometer', DetailType: 'Ceilometer Event', Detail: '{not json' },
          { Source: 'openstack.ceilometer', DetailType: 'Ceilometer Event', Detail: JSON.stringify({ event_type: 'compute.instance.update', traits: 'wrong' }) },
          { Source: 'openstack.ceilometer', DetailType: 'Ceilometer Event', Detail: JSON.stringify(detail) },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    await poll(10_000, async () => receiver.requests.some((request) => request.url === '/instance-error'));
    expect(await stateOf(alarmId)).toBe('alarm');
    const body = JSON.parse(receiver.requests.find((request) => request.url === '/instance-error')?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      alarm_id: alarmId,
      previous: 'insufficient data',
      current: 'alarm',
      reason: 'Event <id=m-1,event_type=compute.instance.update> hits the query <query=[{"field": "traits.state", "op": "eq", "type": "string", "value": "error"}]>.',
      reason_data: { type: 'event', event: detail },
    });
  });

  it('fires on a native EventBridge event from any service, traits flattened from detail', async () => {
    const alarmId = await createEventAlarm('order-failed', 'Order*', [{ field: 'traits.order.status', op: 'eq', value: 'failed', type: 'string' }]);
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'com.example.shop', DetailType: 'Order Updated', Detail: JSON.stringify({ project_id: 'p1', order: { id: 7, status: 'failed' } }) }] }));
    await poll(10_000, async () => receiver.requests.some((request) => request.url === '/order-failed'));
    expect(await stateOf(alarmId)).toBe('alarm');
  });

  it("never routes the service's own notifications (source aodh) to the listener", async () => {
    const alarmId = await createEventAlarm('loop-guard', '*', []);
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'aodh', DetailType: 'Aodh Alarm State Change', Detail: JSON.stringify({ project_id: 'p1' }) }] }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await stateOf(alarmId)).toBe('insufficient data');
  });
});
