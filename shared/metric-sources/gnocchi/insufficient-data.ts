import { pyTruthy } from '../../python/builtins.js';
import { pyListRepr, pyStr } from '../../python/repr.js';
import type { GnocchiQuery } from './query.js';

/** An HTTP error answer from Gnocchi, as gnocchiclient sees it. */
export interface GnocchiErrorAnswer {
  status: number;
  contentType: string;
  text: string;
  requestId?: string;
}

/** The gnocchiclient exception an answer becomes: its class (for 404s) and its `str()`. */
interface ClientException {
  notFound?: 'metric' | 'resource' | 'other';
  text: string;
}

/** gnocchiclient's per-class default messages, used when the answer carries none. */
const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Over limit',
  429: 'Rate limit',
  501: 'Not Implemented',
};

/**
 * gnocchiclient refines a 404 by matching the start of a *string* description, in this
 * order (`exceptions._error_classes_enhanced`). "Resource type X does not exist" is checked
 * before "Resource X ..." and is a plain NotFound to Aodh. Gnocchi 4.x answers several 404s
 * with a dict description ({"cause": "Unknown metrics", ...}); those match nothing, so Aodh
 * reports them as a missing aggregation even when a metric is missing. We keep that.
 */
const NOT_FOUND_PATTERNS: ReadonlyArray<[RegExp, 'metric' | 'resource' | 'other']> = [
  [/^Metric .* does not exist/, 'metric'],
  [/^Resource type .* does not exist/, 'other'],
  [/^Resource .* does not exist/, 'resource'],
];

/** gnocchiclient's `exceptions.from_response`, reduced to what Aodh's evaluator looks at. */
function clientException(answer: GnocchiErrorAnswer): ClientException {
  let message: unknown;
  let description: unknown;
  const mimeType = answer.contentType.split(';')[0];
  if (mimeType === 'application/json') {
    const body = parseJson(answer.text);
    if (isObject(body) && 'description' in body) {
      description = body.description;
      message = description;
    } else if (isObject(body) && isObject(body.error)) {
      message = body.error.message; // Keystone's error envelope
    } else if (body !== undefined) {
      message = answer.text;
    }
  } else if (mimeType?.startsWith('text/')) {
    message = answer.text;
  }
  // gnocchiclient drops a falsy message ("", {}, None) in favour of the class default.
  const shown = pyTruthy(message) ? pyStr(message) : (DEFAULT_MESSAGES[answer.status] ?? 'Unknown Error');
  const text = `${shown} (HTTP ${answer.status})${answer.requestId ? ` (Request-ID: ${answer.requestId})` : ''}`;
  if (answer.status !== 404) return { text };
  const matched = typeof description === 'string' ? NOT_FOUND_PATTERNS.find(([pattern]) => pattern.test(description)) : undefined;
  return { notFound: matched?.[1] ?? 'other', text };
}

/** The exact §3.3.4 reason Aodh reports for a Gnocchi error answer to `query`. */
export function insufficientDataReason(query: GnocchiQuery, answer: GnocchiErrorAnswer): string {
  const error = clientException(answer);
  const agg = query.aggregation;
  switch (query.kind) {
    case 'resource':
      if (error.notFound === 'metric') return `metric ${query.metric} for resource ${query.resourceId} does not exists`;
      if (error.notFound === 'resource') return `resource ${query.resourceId} does not exists`;
      if (error.notFound) return `aggregation ${agg} does not exist for metric ${query.metric} of resource ${query.resourceId}`;
      break;
    case 'metrics':
      if (error.notFound === 'metric') return `At least of metrics in ${pyListRepr(query.metrics)} does not exist`;
      if (error.notFound) return `aggregation ${agg} does not exist for at least one metrics in ${pyListRepr(query.metrics)}`;
      break;
    case 'resources':
      if (error.notFound === 'metric') return `metric ${query.metric} does not exists`;
      if (error.notFound) return `aggregation ${agg} does not exist for at least one metric of the query`;
      break;
  }
  return retrievalFailed(error.text);
}

/** Aodh's catch-all for anything else that goes wrong while fetching (`except Exception as e`). */
export function retrievalFailed(detail: string): string {
  return `alarm statistics retrieval failed: ${detail}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
