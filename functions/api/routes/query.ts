import { toAlarmView } from '#shared/services/alarms/alarm-view.js';
import { queryAlarmHistory, queryAlarms } from '#shared/services/alarms/complex-query.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

/** Complex queries (§6.12). Aodh returns these alarms unscrubbed; we hold no trust URLs to scrub. */
export const queryRoutes: Route<ApiDeps>[] = [
  {
    method: 'POST',
    path: '/v2/query/alarms',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: (await queryAlarms(deps.alarms, request.identity(), request.body())).map(toAlarmView),
    }),
  },
  {
    method: 'POST',
    path: '/v2/query/alarms/history',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await queryAlarmHistory(deps.alarms, request.identity(), request.body()),
    }),
  },
];
