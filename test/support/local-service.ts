import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port.js';

export interface LocalService {
  url: string;
  /** The local EventBridge endpoint (PutEvents). */
  eventsUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs the real `npm start` entry (infra/local/main.ts) as a child process on free
 * ports with a throw-away data directory, and waits for its banner.
 */
export async function startLocalService(env: Record<string, string> = {}): Promise<LocalService> {
  const [port, eventsPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'aodh-local-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: String(port), EVENTS_PORT: String(eventsPort), DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local service did not start:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`local service exited:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    eventsUrl: `http://127.0.0.1:${eventsPort}`,
    output: () => output,
    async stop() {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
