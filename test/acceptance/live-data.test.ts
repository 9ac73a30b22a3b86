import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port.js';
import { startLocalService, type LocalService } from '../support/local-service.js';
import { poll } from '../support/prometheus.js';

/*
 * Issue 13 item 7 end to end: npm start with its own Prometheus scraping its /metrics, the
 * README's alarm on aodh_api_requests_total, and `npm run sink` receiving the notification.
 */
const ADMIN = { 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'admin', 'content-type': 'application/json' };

let service: LocalService;
let sink: { url: string; child: ChildProcess; lines: () => string[] };

async function startSink(): Promise<typeof sink> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sink.ts', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await poll(30_000, async () => stderr.includes('sink listening on'));
  return { url: `http://127.0.0.1:${port}/`, child, lines: () => stdout.split('\n').filter(Boolean) };
}

beforeAll(async () => {
  sink = await startSink();
  // PROMETHEUS_URL blank: npm start runs its own Prometheus (as on a machine without one configured).
  service = await startLocalService({ EVALUATION_INTERVAL: '5', PROMETHEUS_URL: '' });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  sink?.child.kill('SIGTERM');
});

describe('live data on npm start', () => {
  it('serves Prometheus metrics at /metrics on the API origin', async () => {
    await fetch(`${service.url}/v2/alarms`, { headers: ADMIN });
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('aodh_api_requests_total{method="GET",route="/v2/alarms",status="200"}');
    expect(text).toContain('aodh_backlog_depth{backlog="transition_queue"} 0');
    expect(text).toContain('# TYPE aodh_evaluation_round_duration_seconds histogram');
  });

  it("fires the README's alarm on aodh_api_requests_total into the sink within a minute", async () => {
    const prometheusUrl = /scraped every 5 s by Prometheus (http:\/\/\S+)\)/.exec(service.output())?.[1];
    expect(prometheusUrl, service.output()).toBeDefined();
    const created = await fetch(`${service.url}/v2/alarms`, {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({
        name: 'api busy',
        type: 'prometheus',
        alarm_actions: [sink.url],
        prometheus_rule: { query: 'sum(rate(aodh_api_requests_total[1m]))', threshold: 0, comparison_operator: 'gt' },
      }),
    });
    expect(created.status).toBe(201);
    const { alarm_id: alarmId } = (await created.json()) as { alarm_id: string };
    const started = Date.now();
    // Some traffic for the rate to see, while waiting.
    const traffic = setInterval(() => void fetch(`${service.url}/v2/alarms`, { headers: ADMIN }).catch(() => undefined), 1000);
    try {
      await poll(60_000, async () => sink.lines().some((line) => line.includes(alarmId)));
    } catch (error) {
      throw new Error(`no notification in the sink within 60 s\n${service.output()}`, { cause: error });
    } finally {
      clearInterval(traffic);
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`live-data: alarm notification in the sink ${seconds.toFixed(1)} s after creating the alarm\n`);
    const entry = JSON.parse(sink.lines().find((line) => line.includes(alarmId)) ?? '{}') as { method: string; body: Record<string, unknown> };
    expect(entry.method).toBe('POST');
    expect(entry.body).toMatchObject({ alarm_id: alarmId, alarm_name: 'api busy', previous: 'insufficient data', current: 'alarm' });
    // The sink keeps it for GET / too, and Prometheus holds the scraped series.
    const kept = (await (await fetch(sink.url)).json()) as Array<{ body: { alarm_id?: string } }>;
    expect(kept.some((item) => item.body.alarm_id === alarmId)).toBe(true);
    const query = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent('aodh_api_requests_total{route="/v2/alarms"}')}`);
    expect(JSON.stringify(await query.json())).toContain('"job":"aodh"');
  }, 90_000);

  it('stops its Prometheus when npm start stops', async () => {
    const prometheusUrl = /scraped every 5 s by Prometheus (http:\/\/\S+)\)/.exec(service.output())?.[1] ?? '';
    expect((await fetch(`${prometheusUrl}/-/ready`)).ok).toBe(true);
    await service.stop();
    await expect(fetch(`${prometheusUrl}/-/ready`)).rejects.toThrow();
  }, 30_000);
});
