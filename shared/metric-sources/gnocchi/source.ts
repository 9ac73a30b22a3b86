import type { JsonValue } from '../../domain/alarm.js';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../errors.js';
import type { MetricSource } from '../../ports/metric-source.js';
import { fetchText, isUnavailableStatus } from '../http.js';
import { GnocchiClient, type GnocchiClientOptions } from './client.js';
import { parsePythonJson } from '../../python/json.js';
import { insufficientDataReason, retrievalFailed } from './insufficient-data.js';
import { GNOCCHI, type GnocchiPoint, type GnocchiQuery, type gnocchiSettings } from './query.js';
import type { RowValues } from '../../setting-rows/setting.js';
import type { MetricSourcePlugin } from '../plugin.js';
import type { GnocchiAuthHeaders } from './client.js';

export type GnocchiHttpSourceOptions = GnocchiClientOptions;

/**
 * The Gnocchi metric source over Gnocchi's REST API, asking what Aodh asks (§3.3.2):
 * - `resource`: `GET /v1/resource/generic/<id>/metric/<name>/measures`, whatever the rule's
 *   resource_type, as Aodh's client does: Gnocchi serves any resource under `generic`, and a
 *   type known only by another name (Heat's `nova_server`) is no Gnocchi type at all;
 * - `metrics` / `resources`: `POST /v1/aggregates` with an `aggregate` operation, needed_overlap=0
 *   (a deleted instance's metric stops growing; overlap checks would then fail every cycle).
 *   Several metrics go in one `["metric", [id, agg], ...]` reference: Gnocchi 4.4 refuses
 *   Aodh's `["metric", id, agg], ["metric", id, agg]` with a 400 (a deliberate fix, README).
 *
 * Failures: a 4xx answer → InsufficientDataError with Aodh's exact reason (§3.3.4). Unreachable,
 * timed out, 5xx or 429 → MetricSourceUnavailableError, deliberately unlike Aodh (which reports
 * insufficient data): a Gnocchi outage must not flip every alarm's state.
 */
export class GnocchiHttpSource implements MetricSource<GnocchiQuery, GnocchiPoint[]> {
  private readonly client: GnocchiClient;

  constructor(options: GnocchiHttpSourceOptions) {
    this.client = new GnocchiClient(options);
  }

  async read(query: GnocchiQuery): Promise<GnocchiPoint[]> {
    const { url, body } = this.requestFor(query);
    const headers = await this.headers(body !== undefined);
    const init: RequestInit = body ? { method: 'POST', headers, body: JSON.stringify(body) } : { method: 'GET', headers };
    const { response, text } = await fetchText(this.client.fetchFn, url, init, this.client.timeoutMs, 'gnocchi');
    if (isUnavailableStatus(response.status)) {
      throw new MetricSourceUnavailableError(`gnocchi answered HTTP ${response.status}: ${text.trim().slice(0, 200)}`);
    }
    if (!response.ok) {
      const requestId = response.headers.get('x-openstack-request-id') ?? undefined;
      const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', text, ...(requestId ? { requestId } : {}) };
      throw new InsufficientDataError(insufficientDataReason(query, answer));
    }
    const points = parsePoints(text, query.kind === 'resource' ? [] : ['measures', 'aggregated']);
    if (!points) throw new InsufficientDataError(retrievalFailed(`unreadable Gnocchi answer: ${text.trim().slice(0, 200)}`));
    return points;
  }

  private requestFor(query: GnocchiQuery): { url: URL; body?: Record<string, JsonValue> } {
    const window = { granularity: String(query.granularity), start: query.start, stop: query.stop };
    if (query.kind === 'resource') {
      const path = ['v1/resource/generic', query.resourceId, 'metric', query.metric, 'measures'];
      const url = this.client.url(path.map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join('/'));
      setParams(url, { aggregation: query.aggregation, ...window });
      return { url };
    }
    const url = this.client.url('v1/aggregates');
    setParams(url, { ...window, needed_overlap: '0' });
    // The metrics' own aggregation drops a literal `rate:` prefix; Aodh's lstrip of characters is §13.15.
    const metricAggregation = query.aggregation.replace(/^rate:/, '');
    if (query.kind === 'metrics') {
      return { url, body: { operations: ['aggregate', query.aggregation, ['metric', ...query.metrics.map((id) => [id, metricAggregation])]] } };
    }
    return {
      url,
      body: { operations: ['aggregate', query.aggregation, ['metric', query.metric, metricAggregation]], search: query.query, resource_type: query.resourceType },
    };
  }

  private async headers(withBody: boolean): Promise<Record<string, string>> {
    try {
      return await this.client.headers(withBody);
    } catch (error) {
      // No token (Keystone down, say) means Gnocchi cannot be asked: the same as Gnocchi being down.
      throw new MetricSourceUnavailableError('could not obtain credentials for gnocchi', { cause: error });
    }
  }
}

function setParams(url: URL, params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
}

/** `[timestamp, granularity, value]` triples at `path` in the JSON answer, or undefined if it has another shape. */
function parsePoints(text: string, path: string[]): GnocchiPoint[] | undefined {
  let node: unknown;
  try {
    // Gnocchi writes NaN and Infinity bare, as Python's json.dumps does.
    node = parsePythonJson(text);
  } catch {
    return undefined;
  }
  for (const key of path) node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(node)) return undefined;
  const points: GnocchiPoint[] = [];
  for (const point of node) {
    if (!Array.isArray(point) || point.length !== 3) return undefined;
    const [timestamp, granularity, value] = point as unknown[];
    if (typeof timestamp !== 'string' || typeof granularity !== 'number' || (typeof value !== 'number' && value !== null)) return undefined;
    points.push([timestamp, granularity, value]);
  }
  return points;
}

export type GnocchiSettings = RowValues<typeof gnocchiSettings> & { gnocchiAuthHeaders?: GnocchiAuthHeaders };

export const gnocchiSource: MetricSourcePlugin<GnocchiQuery, GnocchiPoint[], GnocchiSettings> = {
  ...GNOCCHI,
  create: ({ gnocchiUrl, gnocchiAuthHeaders, timeoutMs }) =>
    gnocchiUrl === undefined ? undefined : new GnocchiHttpSource({ baseUrl: gnocchiUrl, authHeaders: gnocchiAuthHeaders, timeoutMs }),
};
