import { CLOUDWATCH } from '../../metric-sources/cloudwatch/query.js';
import type { AlarmTypePlugin } from '../plugin.js';
import { evaluateCloudwatchThreshold } from './evaluate.js';
import { parseCloudwatchThresholdRule, TYPE } from './rule.js';

/**
 * No validateRule: CloudWatch metrics belong to the deployment's AWS account and there is
 * no per-project scoping to apply, nor a list of statistics to fetch.
 */
export const cloudwatchThreshold: AlarmTypePlugin = {
  type: TYPE,
  trigger: 'scheduled',
  composable: true,
  source: CLOUDWATCH.name,
  parseRule: parseCloudwatchThresholdRule,
  evaluateThreshold: evaluateCloudwatchThreshold,
};
