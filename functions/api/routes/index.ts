import type { ApiDeps } from '../deps.js';
import type { Route } from '../router.js';
import { alarmStateRoutes } from './alarm-state.js';
import { alarmRoutes } from './alarms.js';
import { backtestRoutes } from './backtest.js';
import { capabilityRoutes } from './capabilities.js';
import { queryRoutes } from './query.js';
import { quotaRoutes } from './quotas.js';
import { rootRoutes } from './root.js';

export const routes: Route<ApiDeps>[] = [
  ...rootRoutes,
  ...alarmRoutes,
  ...alarmStateRoutes,
  ...queryRoutes,
  ...capabilityRoutes,
  ...quotaRoutes,
  ...backtestRoutes,
];
