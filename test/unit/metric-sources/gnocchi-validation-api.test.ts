import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GnocchiHttpValidationApi } from '../../../shared/metric-sources/gnocchi/validation-api.js';
import { ServiceUnavailableError, UpstreamError } from '../../../shared/errors.js';
import { expectRejects } from '../../support/expect-error.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A local server that answers like Gnocchi; each test sets how the aggregates endpoint answers. */
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let aggregates: { status: number; body: string; type?: string } = { status: 200, body: '{"measures": {"aggregated": []}}' };
let capabilitiesStatus = 200;

function answer(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      if (req.url === '/metric/v1/capabilities') {
        if (capabilitiesStatus !== 200) return answer(res, capabilitiesStatus, JSON.stringify({ code: capabilitiesStatus, description: 'Authentication required', title: 'Unauthorized' }));
        return answer(res, 200, JSON.stringify({ aggregation_methods: ['count', 'mean', 'rate:mean'], dynamic_aggregation_methods: [] }));
      }
      if (req.url?.startsWith('/metric/v1/aggregates?')) return answer(res, aggregates.status, aggregates.body, aggregates.type);
      return answer(res, 404, '{"code": 404, "description": "The resource could not be found.", "title": "Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metric`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  aggregates = { status: 200, body: '{"measures": {"aggregated": []}}' };
  capabilitiesStatus = 200;
});

const now = new Date('2026-01-02T03:04:05.000Z');
const trial = { metric: 'cpu', resourceType: 'instance', aggregationMethod: 'rate:mean', query: { '=': { server_group: 'x' } } };

describe('GnocchiHttpValidationApi', () => {
  it('reads aggregation methods from /v1/capabilities and caches them for an hour', async () => {
    let clock = now.getTime();
    const api = new GnocchiHttpValidationApi({ baseUrl, authHeaders: { 'X-Auth-Token': 't' }, now: () => new Date(clock) });
    await expect(api.aggregationMethods()).resolves.toEqual(['count', 'mean', 'rate:mean']);
    await api.aggregationMethods();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', headers: { 'x-auth-token': 't' } });
    clock += 3_600_001;
    await api.aggregationMethods();
    expect(seen).toHaveLength(2);
  });

  it('shares one request between concurrent callers', async () => {
    const api = new GnocchiHttpValidationApi({ baseUrl });
    await Promise.all([api.aggregationMethods(), api.aggregationMethods(), api.aggregationMethods()]);
    expect(seen).toHaveLength(1);
  });

  it('passes a capabilities HTTP error through without caching it', async () => {
    const api = new GnocchiHttpValidationApi({ baseUrl, authHeaders: async () => ({ 'X-Auth-Token': 'late' }) });
    capabilitiesStatus = 401;
    await expectRejects(api.aggregationMethods(), UpstreamError, 'Authentication required');
    capabilitiesStatus = 200;
    await expect(api.aggregationMethods()).resolves.toHaveLength(3);
    expect(seen[1]?.headers['x-auth-token']).toBe('late');
  });

  it('sends the trial aggregation of the last day with needed_overlap=0', async () => {
    const api = new GnocchiHttpValidationApi({ baseUrl, now: () => now });
    await api.trialResourceAggregation(trial);
    const url = new URL(seen[0]?.url ?? '', 'http://x');
    expect(seen[0]?.method).toBe('POST');
    expect(url.pathname).toBe('/metric/v1/aggregates');
    expect(Object.fromEntries(url.searchParams)).toEqual({ start: '2026-01-01T03:04:05.000Z', needed_overlap: '0' });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.body).toEqual({
      operations: ['aggregate', 'rate:mean', ['metric', 'cpu', 'mean']],
      search: { '=': { server_group: 'x' } },
      resource_type: 'instance',
    });
  });

  it.each([
    ['a 404', { status: 404, body: '{"code": 404, "description": "Metric cpu does not exist", "title": "Not Found"}' }],
    ['a 400 "Metrics not found"', { status: 400, body: '{"code": 400, "description": {"cause": "Metrics not found", "detail": [{"resource": "r", "metric": "cpu"}]}, "title": "Bad Request"}' }],
  ])('accepts %s from the trial', async (_name, response) => {
    aggregates = response;
    await expect(new GnocchiHttpValidationApi({ baseUrl }).trialResourceAggregation(trial)).resolves.toBeUndefined();
  });

  it.each([
    ['another 400 cause', { status: 400, body: '{"code": 400, "description": {"cause": "Invalid search", "detail": "bad op"}, "title": "Bad Request"}' }, 400, '{"cause":"Invalid search","detail":"bad op"}'],
    ['a 400 with a text description', { status: 400, body: '{"code": 400, "description": "Unknown resource type", "title": "Bad Request"}' }, 400, 'Unknown resource type'],
    ['a 500', { status: 500, body: '{"code": 500, "description": "Internal Server Error", "title": "Internal Server Error"}' }, 500, 'Internal Server Error'],
    ['a non-JSON error page', { status: 502, body: 'Bad gateway\n', type: 'text/plain' }, 502, 'Bad gateway'],
  ])('passes %s through with its status', async (_name, response, status, message) => {
    aggregates = response;
    const error = await new GnocchiHttpValidationApi({ baseUrl }).trialResourceAggregation(trial).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status, message });
  });

  it('reports a closed port as unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const api = new GnocchiHttpValidationApi({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(api.aggregationMethods()).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(api.trialResourceAggregation(trial)).rejects.toThrow(/^Unable to establish connection to http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('reports a Gnocchi slower than the timeout as unavailable', async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const api = new GnocchiHttpValidationApi({ baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, timeoutMs: 100 });
      await expect(api.aggregationMethods()).rejects.toBeInstanceOf(ServiceUnavailableError);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
