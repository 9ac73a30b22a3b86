import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, resolve } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };
/** What the build emits besides index.html; any other last segment (an alarm id may hold a dot) is a page. */
const ASSET_EXTENSIONS = ['.js', '.css', '.map'];

/**
 * Serves the built console under /console on the API's own origin (so no CORS). Any /console/* path that is not an
 * asset (a name with an extension the build emits) is a page of the console's path routing (/console/alarms/<id>/edit) and gets
 * index.html, so deep links and reloads work; a missing asset is a 404, not index.html (a stale bundle name must
 * fail loudly rather than run HTML as a script). Cache headers match CloudFront's: index.html is never cached (it
 * names the current bundle), hashed bundles are immutable. Returns false for other paths.
 */
export function serveConsole(dir: string, request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  if (path !== '/console' && !path.startsWith('/console/')) return false;
  const name = basename(path.slice('/console'.length));
  const asset = ASSET_EXTENSIONS.includes(extname(name));
  const file = asset ? name : 'index.html';
  let body: Buffer;
  try {
    body = readFileSync(resolve(dir, file));
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(asset ? 'not found' : 'console not built (npm run console:build)');
    return true;
  }
  const cache = asset ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache }).end(body);
  return true;
}
