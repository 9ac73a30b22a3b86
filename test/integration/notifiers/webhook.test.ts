import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmNotification } from '../../../shared/domain/transition.js';
import type { WebhookOptions } from '../../../shared/notifiers/webhook/config.js';
import { WebhookNotifier } from '../../../shared/notifiers/webhook/notifier.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';
import { notifierConformance, SECRETS } from './conformance.js';

export const loopbackSettings: WebhookOptions = { verifyTls: true, allowPrivateNetworks: false, allowLoopback: true, timeoutMs: 2_000 };

const withSecrets = (receiverUrl: string) => {
  const url = new URL(`${receiverUrl}/hook?token=${SECRETS.token}&X-Amz-Signature=${SECRETS.signature}&keep=visible`);
  url.username = SECRETS.user;
  url.password = SECRETS.password;
  return url;
};

notifierConformance('webhook (http)', () => {
  const notifier = new WebhookNotifier(loopbackSettings);
  return { notifier, action: withSecrets, close: () => notifier.close() };
});

const base = { actions: ['http://x/'], alarm_id: '0f6b5e35-8bb6-4c23-9d2b-2c1c3f6d2f7e', alarm_name: 'cpu high', severity: 'critical' as const };

/** Each transition kind with its §3.3.7 / §3.5 reason_data, and the body Aodh posts for it, byte for byte. */
const KINDS: [string, AlarmNotification, string][] = [
  [
    'ok → alarm',
    { ...base, previous: 'ok', current: 'alarm', reason: 'Transition to alarm due to 3 samples outside threshold, most recent: 91.5', reason_data: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 91.5 } },
    '{"alarm_name": "cpu high", "alarm_id": "0f6b5e35-8bb6-4c23-9d2b-2c1c3f6d2f7e", "severity": "critical", "previous": "ok", "current": "alarm", "reason": "Transition to alarm due to 3 samples outside threshold, most recent: 91.5", "reason_data": {"type": "threshold", "disposition": "outside", "count": 3, "most_recent": 91.5}}',
  ],
  [
    'alarm → ok',
    { ...base, previous: 'alarm', current: 'ok', reason: 'Transition to ok due to 1 samples inside threshold, most recent: 12.25', reason_data: { type: 'threshold', disposition: 'inside', count: 1, most_recent: 12.25 } },
    '{"alarm_name": "cpu high", "alarm_id": "0f6b5e35-8bb6-4c23-9d2b-2c1c3f6d2f7e", "severity": "critical", "previous": "alarm", "current": "ok", "reason": "Transition to ok due to 1 samples inside threshold, most recent: 12.25", "reason_data": {"type": "threshold", "disposition": "inside", "count": 1, "most_recent": 12.25}}',
  ],
  [
    'ok → insufficient data',
    { ...base, previous: 'ok', current: 'insufficient data', reason: '2 datapoints are unknown', reason_data: { type: 'threshold', count: 2, most_recent: null, disposition: 'unknown' } },
    '{"alarm_name": "cpu high", "alarm_id": "0f6b5e35-8bb6-4c23-9d2b-2c1c3f6d2f7e", "severity": "critical", "previous": "ok", "current": "insufficient data", "reason": "2 datapoints are unknown", "reason_data": {"type": "threshold", "count": 2, "most_recent": null, "disposition": "unknown"}}',
  ],
  [
    'insufficient data → alarm (composite, non-ASCII)',
    { ...base, previous: 'insufficient data', current: 'alarm', reason: 'Composite rule alarm with composition form: (a or b) — “ünïcode”', reason_data: { type: 'composite', alarm_ids: ['a', 'b'], nested: { ok: true, list: [1, 2.5, false] } } },
    '{"alarm_name": "cpu high", "alarm_id": "0f6b5e35-8bb6-4c23-9d2b-2c1c3f6d2f7e", "severity": "critical", "previous": "insufficient data", "current": "alarm", "reason": "Composite rule alarm with composition form: (a or b) \\u2014 \\u201c\\u00fcn\\u00efcode\\u201d", "reason_data": {"type": "composite", "alarm_ids": ["a", "b"], "nested": {"ok": true, "list": [1, 2.5, false]}}}',
  ],
];

describe('WebhookNotifier on the wire', () => {
  let receiver: WebhookReceiver;
  let notifier: WebhookNotifier;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    notifier = new WebhookNotifier(loopbackSettings);
  });
  afterAll(async () => {
    notifier.close();
    await receiver.close();
  });
  const send = (action: string, notification: AlarmNotification, notificationId = 'b1946ac9-2491-8ca4-8d5a-4b3f6c1e2d3f') =>
    notifier.notify(new URL(action), notification, { notificationId, signal: new AbortController().signal });

  it.each(KINDS)('posts Aodh’s exact JSON body for %s', async (_, notification, expected) => {
    const before = receiver.requests.length;
    await send(`${receiver.url}/hook`, notification);
    const request = receiver.requests[before];
    expect(request?.body).toBe(expected);
    expect(JSON.parse(request?.body ?? '')).toEqual({ ...notification, actions: undefined });
  });

  it('POSTs to the full URL, query included, with Aodh’s headers and our notification id', async () => {
    const before = receiver.requests.length;
    await send(`${receiver.url}/path/hook?a=1&b=two%20words&a=3`, KINDS[0]![1], 'id-1');
    await send(`${receiver.url}/path/hook?a=1&b=two%20words&a=3`, KINDS[0]![1], 'id-1');
    const [first, second] = receiver.requests.slice(before);
    expect(first).toMatchObject({ method: 'POST', url: '/path/hook?a=1&b=two%20words&a=3' });
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers['content-length']).toBe(String(Buffer.byteLength(first?.body ?? '')));
    expect(first?.headers['x-aodh-notification-id']).toBe('id-1');
    expect(first?.headers['x-openstack-request-id']).toMatch(/^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A new request id per call (Aodh), the same notification id per notification (ours).
    expect(second?.headers['x-openstack-request-id']).not.toBe(first?.headers['x-openstack-request-id']);
    expect(second?.headers['x-aodh-notification-id']).toBe('id-1');
    expect(first?.headers.authorization).toBeUndefined();
  });

  it('sends the URL’s userinfo as Basic auth (as requests does) and never on the request line', async () => {
    const before = receiver.requests.length;
    const action = new URL(`${receiver.url}/hook`);
    action.username = 'hook user';
    action.password = 'p@ss:wörd';
    await send(action.href, KINDS[0]![1]);
    const request = receiver.requests[before];
    expect(request?.url).toBe('/hook');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('hook user:p@ss:wörd').toString('base64')}`);
  });
});
