import { MetricSourceUnavailableError } from '../errors.js';

/** 5xx and 429 mean "try again later": the alarm keeps its state and the next cycle retries. */
export function isUnavailableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** `base` with exactly one trailing slash, so `new URL('v1/x', base)` keeps a path prefix. */
export function directoryUrl(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * fetch with a deadline covering both the response head and the body, so a source that
 * stalls mid-body also counts as unavailable. Network errors and timeouts become
 * MetricSourceUnavailableError; HTTP statuses are left to the caller.
 */
export async function fetchText(
  fetchFn: typeof fetch,
  url: URL,
  init: RequestInit,
  timeoutMs: number,
  sourceName: string,
): Promise<{ response: Response; text: string }> {
  try {
    const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { response, text: await response.text() };
  } catch (error) {
    throw new MetricSourceUnavailableError(`${sourceName} at ${url.origin} is unreachable: ${reasonOf(error, timeoutMs)}`, { cause: error });
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  // undici reports "fetch failed" and keeps the socket error (ECONNREFUSED, ...) as the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
