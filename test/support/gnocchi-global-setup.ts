import type { TestProject } from 'vitest/node';
import { type GnocchiHarness, startGnocchi } from './gnocchi.js';
import { startHttpServer } from './http-server.js';

/**
 * The run's one real Gnocchi, started only when a suite first asks for it (sharedGnocchi in
 * gnocchi-seed.ts), so a run of unrelated files pays nothing. Suites ask a small broker on
 * loopback, since provided values are fixed before the first suite runs; every later ask
 * gets the same instance. Stopped (and its temp dir removed) when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let starting: Promise<GnocchiHarness> | undefined;
  const broker = await startHttpServer((_request, response) => {
    if (!starting) {
      const begun = Date.now();
      starting = startGnocchi();
      void starting.then(() => process.stderr.write(`gnocchi: the real Gnocchi started in ${Date.now() - begun} ms\n`), () => undefined);
    }
    starting.then(
      (gnocchi) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ url: gnocchi.url })),
      (error: unknown) => response.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
    );
  });
  project.provide('gnocchiBroker', broker.url);
  return async () => {
    await broker.close();
    const gnocchi = await starting?.catch(() => undefined);
    await gnocchi?.stop();
  };
}
