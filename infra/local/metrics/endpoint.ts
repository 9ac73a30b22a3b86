import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PromServiceMetrics } from './prom-metrics.js';

export const METRICS_PATH = '/metrics';

/** GET /metrics on the API's origin (outside /v2, so no Aodh route is shadowed); true when it answered. */
export function serveMetrics(metrics: PromServiceMetrics, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://local').pathname !== METRICS_PATH) return false;
  metrics.render().then(
    (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
    (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
  );
  return true;
}
