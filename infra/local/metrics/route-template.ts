/**
 * The route template of an API path, for a metric label of bounded cardinality: ids (UUIDs,
 * hex, numbers) become `{id}`, and anything outside /v2 is one `other` route.
 */
const ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\d+)$/i;

export function routeTemplate(path: string): string {
  if (path === '/' || path === '') return '/';
  if (!path.startsWith('/v2')) return 'other';
  const segments = path.replace(/\/+$/, '').split('/');
  return segments.map((segment) => (ID.test(segment) ? '{id}' : segment)).join('/');
}
