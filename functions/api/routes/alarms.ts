import { toAlarmView } from '#shared/services/alarms/alarm-view.js';
import { createAlarm } from '#shared/services/alarms/create-alarm.js';
import { findAlarm } from '#shared/services/alarms/find-alarm.js';
import { listAlarms } from '#shared/services/alarms/list-alarms.js';
import { deleteAlarm, replaceAlarm } from '#shared/services/alarms/update-alarm.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';

const alarmId = (params: Readonly<Record<string, string>>): string => params.alarm_id ?? '';

export const alarmRoutes: Route<ApiDeps>[] = [
  {
    method: 'GET',
    path: '/v2/alarms',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: (await listAlarms(deps.alarms, request.identity(), request.query)).map(toAlarmView),
    }),
  },
  {
    method: 'POST',
    path: '/v2/alarms',
    handler: async (request, deps) => {
      const alarm = await createAlarm(deps.alarms, request.identity(), request.body());
      return {
        statusCode: 201,
        body: toAlarmView(alarm),
        headers: { location: `${request.baseUrl}/v2/alarms/${alarm.alarm_id}` },
      };
    },
  },
  {
    method: 'GET',
    path: '/v2/alarms/{alarm_id}',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: toAlarmView(await findAlarm(deps.alarms.store, request.identity(), alarmId(request.pathParams), 'get_alarm')),
    }),
  },
  {
    method: 'PUT',
    path: '/v2/alarms/{alarm_id}',
    handler: async (request, deps) => ({
      statusCode: 200,
      body: toAlarmView(await replaceAlarm(deps.alarms, request.identity(), alarmId(request.pathParams), request.body())),
    }),
  },
  {
    method: 'DELETE',
    path: '/v2/alarms/{alarm_id}',
    handler: async (request, deps) => {
      await deleteAlarm(deps.alarms, request.identity(), alarmId(request.pathParams));
      return { statusCode: 204 };
    },
  },
];
