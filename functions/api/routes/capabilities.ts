import { getMetrics } from '#shared/services/metrics.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

export const capabilityRoutes: Route<ApiDeps>[] = [
  {
    method: 'GET',
    path: '/v2/capabilities',
    handler: async (request) => {
      request.identity();
      return {
        statusCode: 200,
        body: {
          api: {
            'alarms:query:simple': true,
            'alarms:query:complex': true,
            'alarms:history:query:simple': true,
            'alarms:history:query:complex': true,
          },
          alarm_storage: { 'storage:production_ready': true },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/v2/metrics',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await getMetrics(deps.alarms.counters, request.identity(), request.query.all_projects?.[0]),
    }),
  },
];
