import { CLOUDWATCH } from '../../metric-sources/cloudwatch/query.js';
import type { AlarmTypePlugin } from '../plugin.js';
import { evaluateCloudwatchThreshold } from './evaluate.js';
import { parseCloudwatchThresholdRule, TYPE } from './rule.js';
import { DEFAULT_CLOUDWATCH_TENANCY } from '../../metric-sources/cloudwatch/query.js';
import { scopeCloudwatchRule } from './tenancy.js';

export const cloudwatchThreshold: AlarmTypePlugin = {
  type: TYPE,
  trigger: 'scheduled',
  composable: true,
  source: CLOUDWATCH.name,
  parseRule: parseCloudwatchThresholdRule,
  evaluateThreshold: evaluateCloudwatchThreshold,
  /** Scoped alarms read only their project's metrics (tenancy.ts). */
  async validateRule(rule, context) {
    return scopeCloudwatchRule(rule, context.cloudwatchTenancy ?? DEFAULT_CLOUDWATCH_TENANCY, context.scopeProjectId);
  },
};
