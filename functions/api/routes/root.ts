import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

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
  { method: 'GET', path: '/healthcheck', handler: async () => ({ statusCode: 200, body: 'OK', headers: { 'content-type': 'text/plain' } }) },
];
