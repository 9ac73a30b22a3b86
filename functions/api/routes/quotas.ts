import { deleteQuotas, getQuotas, setQuotas } from '#shared/services/quotas.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

export const quotaRoutes: Route<ApiDeps>[] = [
  {
    method: 'GET',
    path: '/v2/quotas',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await getQuotas(deps.alarms.store, request.identity(), request.query.project_id?.[0], deps.alarms.settings.projectAlarmQuota),
    }),
  },
  {
    method: 'POST',
    path: '/v2/quotas',
    handler: async (request, deps) => ({
      statusCode: 201,
      body: await setQuotas(deps.alarms.store, request.identity(), request.body()),
    }),
  },
  {
    method: 'DELETE',
    path: '/v2/quotas/{project_id}',
    handler: async (request, deps) => {
      await deleteQuotas(deps.alarms.store, request.identity(), request.pathParams.project_id ?? '');
      return { statusCode: 204 };
    },
  },
];
