import { cloudwatchThreshold } from './cloudwatch_threshold/index.js';
import { compositeAlarmType } from './composite/index.js';
import { event } from './event/index.js';
import { gnocchiAggregationByMetricsThreshold } from './gnocchi_aggregation_by_metrics_threshold/index.js';
import { gnocchiAggregationByResourcesThreshold } from './gnocchi_aggregation_by_resources_threshold/index.js';
import { gnocchiResourcesThreshold } from './gnocchi_resources_threshold/index.js';
import type { AlarmTypeRegistry } from './plugin.js';
import { prometheus } from './prometheus/index.js';

/** Every type but composite; composite takes the `composable` ones as its leaves. */
const simpleTypes = {
  gnocchi_resources_threshold: gnocchiResourcesThreshold,
  gnocchi_aggregation_by_metrics_threshold: gnocchiAggregationByMetricsThreshold,
  gnocchi_aggregation_by_resources_threshold: gnocchiAggregationByResourcesThreshold,
  event,
  prometheus,
  cloudwatch_threshold: cloudwatchThreshold,
} satisfies AlarmTypeRegistry;

/**
 * The alarm types this deployment accepts, keyed by their public names (Aodh's
 * `aodh.alarm.rule` entry points). The order is Aodh's and decides which two rules the
 * "cannot be set at the same time" error names. Not registered: `loadbalancer_member_health`
 * (no Octavia here) and the legacy `threshold` (removed from Aodh; POSTing it is a 400).
 */
const builtInTypes = {
  gnocchi_resources_threshold: simpleTypes.gnocchi_resources_threshold,
  gnocchi_aggregation_by_metrics_threshold: simpleTypes.gnocchi_aggregation_by_metrics_threshold,
  gnocchi_aggregation_by_resources_threshold: simpleTypes.gnocchi_aggregation_by_resources_threshold,
  composite: compositeAlarmType(simpleTypes),
  event: simpleTypes.event,
  prometheus: simpleTypes.prometheus,
  cloudwatch_threshold: simpleTypes.cloudwatch_threshold,
} satisfies AlarmTypeRegistry;

/** Exported as the registry type: callers look types up by the names clients send. */
export const alarmTypes: AlarmTypeRegistry = builtInTypes;
