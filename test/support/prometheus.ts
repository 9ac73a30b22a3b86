import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port.js';
import { type RunningServer, startHttpServer } from './http-server.js';

export type Labels = Record<string, string>;

/** A Prometheus text-format exporter whose gauges tests set and remove while Prometheus scrapes it. */
export interface GaugeExporter {
  url: string;
  set(name: string, labels: Labels, value: number): void;
  remove(name: string, labels: Labels): void;
  close(): Promise<void>;
}

export interface PrometheusHarness {
  /** Prometheus' base URL. */
  url: string;
  exporter: GaugeExporter;
  /** Prometheus' own log, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartPrometheusOptions {
  /** Gauges the exporter serves before the first scrape. */
  gauges?: Array<{ name: string; labels: Labels; value: number }>;
  /**
   * Wait until the exporter target is up and its first sample is queryable (default true).
   * Prometheus throttles target discovery, so that takes about 5–8 s after start.
   */
  waitForFirstScrape?: boolean;
  /**
   * OpenMetrics text (ending `# EOF`, timestamps in seconds) written into the TSDB before start
   * with `promtool tsdb create-blocks-from openmetrics`: history at exact past timestamps, for
   * range queries that would otherwise need minutes of live scraping.
   */
  backfill?: string;
}

const SCRAPE_JOB = 'exporter';

/**
 * Runs the real `prometheus` binary (Debian package; `bash scripts/setup.sh --test` installs it)
 * on a free port with a throw-away config and TSDB, scraping a local exporter every second.
 */
export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<PrometheusHarness> {
  const exporter = await startGaugeExporter();
  for (const gauge of options.gauges ?? []) exporter.set(gauge.name, gauge.labels, gauge.value);
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'aodh-prometheus-'))]);
  const config = [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'scrape_configs:',
    `  - job_name: ${SCRAPE_JOB}`,
    `    static_configs: [{ targets: ['${new URL(exporter.url).host}'] }]`,
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), `${config}\n`);
  if (options.backfill !== undefined) {
    await writeFile(join(dir, 'backfill.om'), options.backfill);
    await promisify(execFile)('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'backfill.om'), join(dir, 'data')]);
  }
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`cannot run prometheus (bash scripts/setup.sh --test installs it): ${error.message}`))));
  let stopped: Promise<void> | undefined;
  const harness: PrometheusHarness = {
    url: `http://127.0.0.1:${port}`,
    exporter,
    output: () => output,
    stop: () =>
      (stopped ??= (async () => {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
        await Promise.all([exporter.close(), rm(dir, { recursive: true, force: true })]);
      })()),
  };
  try {
    await Promise.race([spawnFailed, waitUntilReady(harness, options.waitForFirstScrape ?? true)]);
  } catch (error) {
    await harness.stop();
    throw new Error(`prometheus did not start: ${error instanceof Error ? error.message : String(error)}\n${output}`, { cause: error });
  }
  return harness;
}

async function waitUntilReady(harness: PrometheusHarness, firstScrape: boolean): Promise<void> {
  await poll(30_000, async () => (await fetch(`${harness.url}/-/ready`)).ok);
  if (!firstScrape) return;
  await poll(30_000, async () => {
    const targets = await getJson(`${harness.url}/api/v1/targets`);
    return JSON.stringify(targets).includes('"health":"up"');
  });
  await poll(30_000, async () => {
    const up = await getJson(`${harness.url}/api/v1/query?query=${encodeURIComponent(`up{job="${SCRAPE_JOB}"}`)}`);
    return JSON.stringify(up).includes('"value"');
  });
}

/** Polls `check` every 100 ms until it is true; errors (connection refused during start) count as false. */
export async function poll(timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  return (await response.json()) as unknown;
}

async function startGaugeExporter(): Promise<GaugeExporter> {
  const series = new Map<string, { name: string; labels: Labels; value: number }>();
  const key = (name: string, labels: Labels) => `${name}${renderLabels(labels)}`;
  const server: RunningServer = await startHttpServer((request, response) => {
    const names = new Set([...series.values()].map((s) => s.name));
    const lines = [...names].flatMap((name) => [
      `# TYPE ${name} gauge`,
      ...[...series.values()].filter((s) => s.name === name).map((s) => `${key(s.name, s.labels)} ${formatValue(s.value)}`),
    ]);
    response.writeHead(request.url === '/metrics' ? 200 : 404, { 'Content-Type': 'text/plain; version=0.0.4' });
    response.end(request.url === '/metrics' ? `${lines.join('\n')}\n` : 'not found\n');
  });
  return {
    url: server.url,
    set: (name, labels, value) => void series.set(key(name, labels), { name, labels, value }),
    remove: (name, labels) => void series.delete(key(name, labels)),
    close: () => server.close(),
  };
}

/** Label values are escaped as the text format requires: backslash, double quote, newline. */
function renderLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}
