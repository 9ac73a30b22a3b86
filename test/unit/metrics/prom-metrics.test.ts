import type { Context, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { noopServiceMetrics } from '../../../shared/adapters/memory/noop-service-metrics.js';
import type { ServiceMetrics } from '../../../shared/ports/service-metrics.js';
import { instrumentNotify } from '../../../infra/local/metrics/instrument.js';
import { promServiceMetrics } from '../../../infra/local/metrics/prom-metrics.js';
import { routeTemplate } from '../../../infra/local/metrics/route-template.js';

/** The sample lines of an exposition, `name{labels} value`, comments dropped. */
async function samples(metrics: ReturnType<typeof promServiceMetrics>): Promise<string[]> {
  return (await metrics.render()).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

function exercise(metrics: ServiceMetrics): void {
  metrics.evaluationRound({ evaluated: 5, failed: 2, seconds: 0.3 });
  metrics.transition('alarm');
  metrics.transition('alarm');
  metrics.transition('ok');
  metrics.notification('sent', 0.2);
  metrics.notification('retried');
  metrics.notification('failed');
  metrics.apiRequest('GET', '/v2/alarms', 200);
  metrics.apiRequest('POST', '/v2/alarms', 400);
  metrics.depthGauge('transition_queue', async () => 3);
  metrics.depthGauge('outbox', async () => {
    throw new Error('emulator gone');
  });
}

describe.each([
  ['no-op', () => noopServiceMetrics],
  ['prom-client', () => promServiceMetrics()],
])('ServiceMetrics contract: %s', (_name, build) => {
  it('accepts every recording call without throwing', () => {
    expect(() => exercise(build())).not.toThrow();
  });
});

describe('promServiceMetrics', () => {
  it('exposes the series with their names and labels', async () => {
    const metrics = promServiceMetrics();
    exercise(metrics);
    const lines = await samples(metrics);
    expect(lines).toEqual(
      expect.arrayContaining([
        'aodh_evaluations_total{outcome="ok"} 3',
        'aodh_evaluations_total{outcome="failed"} 2',
        'aodh_evaluation_round_duration_seconds_count 1',
        'aodh_evaluation_round_duration_seconds_bucket{le="0.5"} 1',
        'aodh_transitions_total{state="alarm"} 2',
        'aodh_transitions_total{state="ok"} 1',
        'aodh_notifications_total{outcome="sent"} 1',
        'aodh_notifications_total{outcome="retried"} 1',
        'aodh_notifications_total{outcome="failed"} 1',
        'aodh_notification_delivery_seconds_count 1',
        'aodh_api_requests_total{method="GET",route="/v2/alarms",status="200"} 1',
        'aodh_api_requests_total{method="POST",route="/v2/alarms",status="400"} 1',
        'aodh_backlog_depth{backlog="transition_queue"} 3',
      ]),
    );
    // An unreadable backlog is left out, not reported as empty.
    expect(lines.some((line) => line.includes('backlog="outbox"'))).toBe(false);
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keeps separate registries per instance', async () => {
    const first = promServiceMetrics();
    first.transition('alarm');
    expect((await samples(promServiceMetrics())).some((line) => line.startsWith('aodh_transitions_total{'))).toBe(false);
  });
});

describe('routeTemplate', () => {
  it.each([
    ['/v2/alarms', '/v2/alarms'],
    ['/v2/alarms/0a1b2c3d-1111-2222-3333-444455556666/state', '/v2/alarms/{id}/state'],
    ['/v2/alarms/', '/v2/alarms'],
    ['/', '/'],
    ['/console/app.js', 'other'],
  ])('%s → %s', (path, template) => expect(routeTemplate(path)).toBe(template));
});

describe('instrumentNotify', () => {
  const record = (id: string, receives: number, body: object): SQSRecord =>
    ({ messageId: id, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: String(receives), SentTimestamp: String(Date.now() - 1000) } }) as unknown as SQSRecord;

  it('counts sent, retried and failed-on-last-receive records, and first-receive state changes', async () => {
    const metrics = promServiceMetrics();
    const notify = instrumentNotify(async () => ({ batchItemFailures: [{ itemIdentifier: 'b' }] }), metrics, 5);
    const records = [
      record('a', 1, { previous: 'ok', current: 'alarm' }),
      record('b', 1, { previous: 'alarm', current: 'ok' }),
      record('c', 5, { previous: 'ok', current: 'alarm' }),
      record('d', 1, { previous: 'alarm', current: 'alarm' }),
    ];
    await notify({ Records: records }, {} as Context);
    const lines = await samples(metrics);
    expect(lines).toEqual(
      expect.arrayContaining([
        'aodh_notifications_total{outcome="sent"} 2',
        'aodh_notifications_total{outcome="retried"} 1',
        'aodh_notifications_total{outcome="failed"} 1',
        'aodh_transitions_total{state="alarm"} 1',
        'aodh_transitions_total{state="ok"} 1',
        'aodh_notification_delivery_seconds_count 2',
      ]),
    );
  });
});
