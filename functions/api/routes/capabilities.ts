import { ForbiddenError } from '#shared/errors.js';
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
    // Evaluation counters arrive with the evaluator; until then this is Aodh with
    // enable_evaluation_results_metrics = false (its default): 403.
    method: 'GET',
    path: '/v2/metrics',
    handler: async (request) => {
      request.identity();
      throw new ForbiddenError('metrics endpoint is disabled');
    },
  },
];
