import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPrometheus } from '../../../infra/local/prometheus-local.js';
import { startHttpServer } from '../../support/http-server.js';
import { poll } from '../../support/prometheus.js';

const dir = mkdtempSync(join(tmpdir(), 'aodh-local-prom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start's Prometheus (the real binary)", () => {
  it('is skipped (undefined) when the binary is not installed', async () => {
    expect(await startLocalPrometheus({ dataDir: join(dir, 'none'), target: '127.0.0.1:1', binary: 'prometheus-not-installed' })).toBeUndefined();
  });

  it('scrapes the target every 5 s with its TSDB under the data dir, and stops', async () => {
    const target = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('# TYPE probe gauge\nprobe 7\n');
    });
    const prometheus = await startLocalPrometheus({ dataDir: join(dir, 'prom'), target: new URL(target.url).host });
    try {
      expect(prometheus).toBeDefined();
      const url = prometheus?.url ?? '';
      expect(readFileSync(join(dir, 'prom', 'prometheus.yml'), 'utf8')).toContain('scrape_interval: 5s');
      await poll(30_000, async () => {
        const body = await (await fetch(`${url}/api/v1/query?query=probe`)).text();
        return body.includes('"7"');
      });
      await prometheus?.stop();
      await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
    } finally {
      await prometheus?.stop();
      await target.close();
    }
  }, 60_000);
});
