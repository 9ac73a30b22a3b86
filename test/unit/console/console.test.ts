import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../../console/build.js';
import { startApiServer } from '../../../infra/local/api-server.js';
import { serveConsole } from '../../../infra/local/console-static.js';

describe('console build and local serving', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    dir = await buildConsole(mkdtempSync(join(tmpdir(), 'console-')));
    const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '[]' });
    server = await startApiServer({ handler, port: 0, host: '127.0.0.1', serveStatic: (request, response) => serveConsole(dir, request, response) });
  });
  afterAll(() => server?.stop());

  it('stays under 250 kB gzipped and names only its own bundle', () => {
    const files = readdirSync(dir);
    const total = files.reduce((sum, name) => sum + gzipSync(readFileSync(join(dir, name))).length, 0);
    expect(total).toBeLessThan(250_000);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).not.toMatch(/https?:\/\//);
    expect(index).toMatch(/src="\/console\/main-[A-Z0-9]+\.js"/);
  });

  it('serves index with no-cache, the hashed bundle as immutable, and leaves /v2 to the API', async () => {
    const index = await fetch(`${server.url}/console/alarms/some-id`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="([^"]+)"/.exec(await index.text())?.[1] ?? '';
    const bundle = await fetch(`${server.url}${script}`);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect(await bundle.text()).toContain('x-project-id');
    for (const page of ['/console', '/console/', '/console/alarms/new', '/console/alarms/a.b-1', '/console/alarms/a.b-1/edit']) {
      const answer = await fetch(`${server.url}${page}`);
      expect([page, answer.status, answer.headers.get('content-type')]).toEqual([page, 200, 'text/html; charset=utf-8']);
    }
    // A stale bundle name is a 404, not index.html run as a script.
    expect((await fetch(`${server.url}/console/main-STALE.js`)).status).toBe(404);
    const apiAnswer = await fetch(`${server.url}/v2/alarms`);
    expect(await apiAnswer.json()).toEqual([]);
  });

  it('builds in place: parallel builds into one directory both succeed, and a stale bundle is removed', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'console-shared-'));
    writeFileSync(join(shared, 'main-STALE0.js'), 'old');
    await Promise.all([buildConsole(shared), buildConsole(shared)]);
    const files = readdirSync(shared).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('index.html');
    expect(readFileSync(join(shared, 'index.html'), 'utf8')).toContain(`/console/${files[1]}`);
  });
});
