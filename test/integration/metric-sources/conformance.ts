import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../infra/local/free-port.js';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';
import { type RunningServer, startHttpServer } from '../../support/http-server.js';

/** Runs one query, any query, against a source built for `baseUrl` with the given timeout. */
export type ProbeFactory = (baseUrl: string, timeoutMs: number) => () => Promise<unknown>;

const TIMEOUT_MS = 300;

/**
 * What every metric source must do when its endpoint misbehaves, whatever its protocol:
 * each case is a transport-level failure that must leave the alarm's state alone, so it
 * must surface as MetricSourceUnavailableError (never as insufficient data or a crash).
 * Modelled on Alertmanager's notify/test RetryTests: one table, run against every plugin.
 */
export function metricSourceConformance(name: string, probeFor: ProbeFactory): void {
  describe(`${name}: shared metric-source conformance`, () => {
    let server: RunningServer;
    const hanging: ServerResponse[] = [];
    const answers = new Map<string, (response: ServerResponse) => void>([
      ['/status-503', (response) => response.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable')],
      ['/status-500', (response) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end('boom')],
      ['/status-429', (response) => response.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('slow down')],
      ['/reset', (response) => response.socket?.destroy()],
      ['/hang', (response) => void hanging.push(response)],
    ]);

    beforeAll(async () => {
      // Each case gets its own path prefix; sources keep a base URL's path.
      server = await startHttpServer((request, response) => {
        const prefix = [...answers.keys()].find((path) => request.url?.startsWith(`${path}/`));
        const answer = prefix ? answers.get(prefix) : undefined;
        request.resume();
        if (answer) answer(response);
        else response.writeHead(404).end();
      });
    });
    afterAll(async () => {
      for (const response of hanging) response.socket?.destroy();
      await server.close();
    });

    const expectUnavailable = async (probe: () => Promise<unknown>) => {
      const error: unknown = await probe().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(MetricSourceUnavailableError);
      return error;
    };

    it('reports an endpoint where nothing listens as unavailable', async () => {
      const port = await freePort();
      await expectUnavailable(probeFor(`http://127.0.0.1:${port}`, TIMEOUT_MS));
    });

    it('gives up on a silent endpoint after its timeout and reports it as unavailable', async () => {
      const started = Date.now();
      await expectUnavailable(probeFor(`${server.url}/hang/`, TIMEOUT_MS));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
    });

    it('reports a connection reset as unavailable', async () => {
      await expectUnavailable(probeFor(`${server.url}/reset/`, TIMEOUT_MS));
    });

    for (const status of [500, 503, 429]) {
      it(`reports HTTP ${status} as unavailable`, async () => {
        await expectUnavailable(probeFor(`${server.url}/status-${status}/`, TIMEOUT_MS));
      });
    }
  });
}
