import type { ApiDeps } from '../deps.js';
import { acceptableOffers } from '../accept.js';
import type { ApiResult, Route } from '../router.js';

/** GET / (§6.3). `updated` is Aodh's fixed date for the v2 API. */
export const rootRoutes: Route<ApiDeps>[] = [
  {
    method: 'GET',
    path: '/',
    handler: async (request) => ({
      statusCode: 200,
      body: {
        versions: {
          values: [
            {
              id: 'v2',
              status: 'stable',
              updated: '2013-02-13T00:00:00Z',
              links: [
                { href: `${request.baseUrl}/v2`, rel: 'self' },
                { href: 'https://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
              ],
              'media-types': [
                { base: 'application/json', type: 'application/vnd.openstack.telemetry-v2+json' },
                { base: 'application/xml', type: 'application/vnd.openstack.telemetry-v2+xml' },
              ],
            },
          ],
        },
      },
    }),
  },
  { method: 'GET', path: '/healthcheck', handler: async (request) => healthcheck(request.headers.accept) },
  // oslo answers HEAD with 204 and no body.
  { method: 'HEAD', path: '/healthcheck', handler: async () => ({ statusCode: 204 }) },
];

/**
 * oslo.middleware's healthcheck with no backends (Aodh's default): the plain-text page is
 * empty; a client preferring JSON gets its pretty-printed document. Its HTML page (host
 * name, Python version) is not reproduced: HTML clients get the plain answer.
 */
function healthcheck(accept: string | undefined): ApiResult {
  const offers = acceptableOffers(accept ?? '*/*', ['text/plain', 'text/html', 'application/json']);
  if (offers[0] === 'application/json') {
    return { statusCode: 200, body: '{\n    "detailed": false,\n    "reasons": []\n}', headers: { 'content-type': 'application/json; charset=UTF-8' } };
  }
  return { statusCode: 200, body: '', headers: { 'content-type': 'text/plain; charset=UTF-8' } };
}
