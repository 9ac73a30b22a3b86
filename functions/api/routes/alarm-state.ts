import { getAlarmState, setAlarmState } from '#shared/services/alarms/alarm-state.js';
import { acknowledgeAlarm, unacknowledgeAlarm } from '#shared/services/alarms/acknowledge.js';
import { toAlarmView } from '#shared/services/alarms/alarm-view.js';
import { getAlarmHistory } from '#shared/services/alarms/alarm-history.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

const alarmId = (params: Readonly<Record<string, string>>): string => params.alarm_id ?? '';

/** The per-alarm sub-resources: state (bare JSON strings, §6.8), acknowledgement (beyond Aodh) and history (§6.10). */
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
    method: 'PUT',
    path: '/v2/alarms/{alarm_id}/ack',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: toAlarmView(await acknowledgeAlarm(deps.alarms, request.identity(), alarmId(request.pathParams), request.body())),
    }),
  },
  {
    method: 'DELETE',
    path: '/v2/alarms/{alarm_id}/ack',
    handler: async (request, deps) => {
      await unacknowledgeAlarm(deps.alarms, request.identity(), alarmId(request.pathParams));
      return { statusCode: 204 };
    },
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
