import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, resolve } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/**
 * Serves the built console under /console on the API's own origin (so no CORS). Cache headers match CloudFront's:
 * index.html is never cached (it names the current bundle), hashed bundles are immutable. Returns false for other paths.
 */
export function serveConsole(dir: string, request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  if (path !== '/console' && !path.startsWith('/console/')) return false;
  const name = basename(path.slice('/console'.length)) || 'index.html';
  const file = name.endsWith('.js') ? name : 'index.html';
  try {
    const body = readFileSync(resolve(dir, file));
    const cache = file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
    response.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': cache }).end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('console not built (npm run console:build)');
  }
  return true;
}
