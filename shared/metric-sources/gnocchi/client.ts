import { directoryUrl } from '../http.js';

export type GnocchiAuthHeaders = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface GnocchiClientOptions {
  /** Gnocchi's endpoint, e.g. `http://gnocchi:8041` (a path prefix is kept). */
  baseUrl: string;
  /** Headers for every request (e.g. `X-Auth-Token`), or a function that produces them per request. */
  authHeaders?: GnocchiAuthHeaders;
  /** Per request, head and body; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The one HTTP client for Gnocchi, shared by the evaluator's source (measures, aggregates) and
 * the API's rule validation (capabilities, trial aggregation): where Gnocchi is, how requests
 * authenticate and how long they may take. Failures are left to the caller, because the two
 * report them differently (retry next cycle versus an HTTP error to the API client).
 */
export class GnocchiClient {
  readonly timeoutMs: number;
  readonly fetchFn: typeof fetch;
  private readonly base: string;

  constructor(private readonly options: GnocchiClientOptions) {
    this.base = directoryUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** `path` (which may carry a query string) under the base URL. */
  url(path: string): URL {
    return new URL(path, this.base);
  }

  /** Accept, Content-Type when there is a body, then the auth headers (a failing auth function throws). */
  async headers(withBody: boolean): Promise<Record<string, string>> {
    const { authHeaders } = this.options;
    const auth = typeof authHeaders === 'function' ? await authHeaders() : authHeaders;
    return { Accept: 'application/json', ...(withBody ? { 'Content-Type': 'application/json' } : {}), ...auth };
  }

  /** fetch under the client's deadline, which also covers reading the body. Throws what fetch throws. */
  send(url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    return this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }
}
