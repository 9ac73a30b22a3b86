import type { ApiRequest } from './request.js';

export interface ApiResult {
  statusCode: number;
  /** JSON-serialised; undefined sends no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler<D> = (request: ApiRequest, deps: D) => Promise<ApiResult>;

export interface Route<D> {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** `/v2/alarms/{alarm_id}` style; each `{name}` matches one path segment. */
  path: string;
  handler: RouteHandler<D>;
}

function decodePathParams(groups: Record<string, string>): Record<string, string> | undefined {
  try {
    return Object.fromEntries(Object.entries(groups).map(([key, value]) => [key, decodeURIComponent(value)]));
  } catch {
    return undefined;
  }
}

export type RouteMatch<D> =
  | { kind: 'found'; handler: RouteHandler<D>; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/**
 * A small route table. We keep our own instead of @middy/http-router because Aodh
 * answers a known path with the wrong method by 405 plus `Allow` (`PUT /v2/alarms` →
 * `Allow: GET, POST`), which that router cannot express.
 */
export function createRouter<D>(routes: readonly Route<D>[]): (method: string, path: string) => RouteMatch<D> {
  const compiled = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`),
  }));
  return (method, path) => {
    const allow: string[] = [];
    for (const { route, pattern } of compiled) {
      const match = pattern.exec(path);
      if (!match) continue;
      if (route.method !== method) {
        allow.push(route.method);
        continue;
      }
      const pathParams = decodePathParams(match.groups ?? {});
      // A path that is not valid percent-encoding names no resource.
      if (!pathParams) return { kind: 'not-found' };
      return { kind: 'found', handler: route.handler, pathParams };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  };
}
