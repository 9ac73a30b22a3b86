import type { ServiceMetrics } from '../../ports/service-metrics.js';

/** Records nothing: the default wherever no metrics back end is wired (the AWS functions). */
export const noopServiceMetrics: ServiceMetrics = {
  evaluationRound: () => undefined,
  transition: () => undefined,
  notification: () => undefined,
  apiRequest: () => undefined,
  depthGauge: () => undefined,
};
