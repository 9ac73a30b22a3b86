import { backtestAlarmBody, backtestSavedAlarm } from '#shared/services/backtest/backtest.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

/** Beyond Aodh: replay a rule over its source's history; nothing is written, so 200 (not 201). */
export const backtestRoutes: Route<ApiDeps>[] = [
  {
    method: 'POST',
    path: '/v2/alarms/{alarm_id}/backtest',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await backtestSavedAlarm(deps.alarms, request.identity(), request.pathParams.alarm_id ?? '', request.body()),
    }),
  },
  {
    method: 'POST',
    path: '/v2/backtest',
    handler: async (request, deps) => ({ statusCode: 200, body: await backtestAlarmBody(deps.alarms, request.identity(), request.body()) }),
  },
];
