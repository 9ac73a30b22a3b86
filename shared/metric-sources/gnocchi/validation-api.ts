import type { JsonObject, JsonValue } from '../../domain/alarm.js';
import { ServiceUnavailableError, UpstreamError } from '../../errors.js';
import type { GnocchiValidationApi } from '../../ports/gnocchi-validation.js';
import { GnocchiClient, type GnocchiClientOptions } from './client.js';

/** A slower Gnocchi than `timeoutMs` counts as unreachable (503). */
export interface GnocchiHttpOptions extends GnocchiClientOptions {
  now?: () => Date;
}

/** Aodh caches the capabilities for an hour, process-wide (§2.1.1). */
const CAPABILITIES_TTL_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Gnocchi's error body is `{"code", "description", "title"}`; `description` is text or `{cause, detail}`. */
async function errorDescription(response: Response): Promise<JsonValue> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as JsonValue;
    if (typeof body === 'object' && body !== null && !Array.isArray(body) && body.description !== undefined) return body.description;
    return text;
  } catch {
    return text.trim() || response.statusText;
  }
}

function describe(description: unknown): string {
  return typeof description === 'string' ? description : JSON.stringify(description);
}

/** §2.4 step 3: a 404, or a 400 whose cause is "Metrics not found", means the search itself is fine. */
function acceptableTrialFailure(status: number, description: unknown): boolean {
  if (status === 404) return true;
  if (status !== 400) return false;
  const cause = typeof description === 'object' && description !== null && 'cause' in description ? description.cause : description;
  return typeof cause === 'string' && cause.includes('Metrics not found');
}

/**
 * GnocchiValidationApi over the Gnocchi client. Unreachable (network
 * error or timeout) → ServiceUnavailableError (503); an HTTP error → UpstreamError with
 * Gnocchi's status and description, which Aodh passes through to the client.
 */
export class GnocchiHttpValidationApi implements GnocchiValidationApi {
  private readonly client: GnocchiClient;
  private readonly now: () => Date;
  private cached: { methods: string[]; expiresAt: number } | undefined;
  private inflight: Promise<string[]> | undefined;

  constructor(options: GnocchiHttpOptions) {
    this.client = new GnocchiClient(options);
    this.now = options.now ?? (() => new Date());
  }

  async aggregationMethods(): Promise<string[]> {
    if (this.cached && this.cached.expiresAt > this.now().getTime()) return this.cached.methods;
    // Concurrent validations share one capabilities request; failures are not cached.
    this.inflight ??= this.fetchAggregationMethods().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async trialResourceAggregation(request: { metric: string; resourceType: string; query: JsonObject; aggregationMethod: string }): Promise<void> {
    const start = new Date(this.now().getTime() - DAY_MS).toISOString();
    // The metric's own aggregation drops the `rate:` prefix (the prefix, not Aodh's lstrip of characters, §13.15).
    const metricAggregation = request.aggregationMethod.replace(/^rate:/, '');
    const body = {
      operations: ['aggregate', request.aggregationMethod, ['metric', request.metric, metricAggregation]],
      search: request.query,
      resource_type: request.resourceType,
    };
    const response = await this.request(`v1/aggregates?start=${encodeURIComponent(start)}&needed_overlap=0`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const description = await errorDescription(response);
    if (acceptableTrialFailure(response.status, description)) return;
    throw new UpstreamError(response.status, describe(description), { faultstring: description });
  }

  private async fetchAggregationMethods(): Promise<string[]> {
    const response = await this.request('v1/capabilities', { method: 'GET' });
    if (!response.ok) {
      const description = await errorDescription(response);
      throw new UpstreamError(response.status, describe(description), { faultstring: description });
    }
    let capabilities: unknown;
    try {
      capabilities = await response.json();
    } catch (error) {
      throw new ServiceUnavailableError('Gnocchi returned an unreadable capabilities document', { cause: error });
    }
    const listed = typeof capabilities === 'object' && capabilities !== null && 'aggregation_methods' in capabilities ? capabilities.aggregation_methods : [];
    const methods = Array.isArray(listed) ? listed.filter((m): m is string => typeof m === 'string') : [];
    this.cached = { methods, expiresAt: this.now().getTime() + CAPABILITIES_TTL_MS };
    return methods;
  }

  private async request(path: string, init: { method: string; body?: string }): Promise<Response> {
    const url = this.client.url(path);
    const headers = await this.client.headers(Boolean(init.body));
    try {
      return await this.client.send(url, { ...init, headers });
    } catch (error) {
      // undici reports "fetch failed" and keeps the socket error (ECONNREFUSED, ...) as the cause.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ServiceUnavailableError(`Unable to establish connection to ${url.origin}: ${reason}`, { cause: error });
    }
  }
}
