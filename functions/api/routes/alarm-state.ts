import { getAlarmState, setAlarmState } from '#shared/services/alarms/alarm-state.js';
import { getAlarmHistory } from '#shared/services/alarms/alarm-history.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

const alarmId = (params: Readonly<Record<string, string>>): string => params.alarm_id ?? '';

/** The per-alarm sub-resources: state (bare JSON strings, §6.8) and history (§6.10). */
export const alarmStateRoutes: Route<ApiDeps>[] = [
  {
    method: 'GET',
    path: '/v2/alarms/{alarm_id}/state',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await getAlarmState(deps.alarms, request.identity(), alarmId(request.pathParams)),
    }),
  },
  {
    method: 'PUT',
    path: '/v2/alarms/{alarm_id}/state',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await setAlarmState(deps.alarms, request.identity(), alarmId(request.pathParams), request.body()),
    }),
  },
  {
    method: 'GET',
    path: '/v2/alarms/{alarm_id}/history',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: await getAlarmHistory(deps.alarms, request.identity(), alarmId(request.pathParams), request.query),
    }),
  },
];
