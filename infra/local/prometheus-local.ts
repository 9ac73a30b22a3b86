import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './free-port.js';

export interface LocalPrometheus {
  url: string;
  stop(): Promise<void>;
}

function installed(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$0"', binary], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The real Prometheus for `npm start`: loopback on a free port, TSDB under the local data dir,
 * scraping the service's own /metrics every 5 s, so alarms can be tried on live series.
 * Undefined when the binary is missing (the caller says so and goes on without it).
 */
export async function startLocalPrometheus(options: { dataDir: string; target: string; binary?: string }): Promise<LocalPrometheus | undefined> {
  const binary = options.binary ?? 'prometheus';
  if (!installed(binary)) return undefined;
  mkdirSync(options.dataDir, { recursive: true });
  const config = join(options.dataDir, 'prometheus.yml');
  writeFileSync(
    config,
    ['global: { scrape_interval: 5s, evaluation_interval: 5s }', 'scrape_configs:', '  - job_name: aodh', `    static_configs: [{ targets: ['${options.target}'] }]`, ''].join('\n'),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(options.dataDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (alive) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/-/ready`).then((response) => response.ok, () => false))) {
    if (!alive || Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not start:\n${log}`);
    }
    await delay(200);
  }
  return { url, stop };
}
