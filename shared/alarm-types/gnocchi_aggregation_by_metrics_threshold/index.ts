import type { AlarmTypePlugin } from '../plugin.js';
import { gnocchiAlarmType } from '../gnocchi-common/recipe.js';
import { evaluateGnocchiAggregationByMetricsThreshold } from './evaluate.js';
import { parseGnocchiAggregationByMetricsRule, TYPE } from './rule.js';

export const gnocchiAggregationByMetricsThreshold: AlarmTypePlugin = {
  ...gnocchiAlarmType({ type: TYPE, parseRule: parseGnocchiAggregationByMetricsRule }),
  evaluateThreshold: evaluateGnocchiAggregationByMetricsThreshold,
};
