import { gnocchiAlarmType } from '../threshold/gnocchi.js';
import { parseGnocchiAggregationByMetricsRule, TYPE } from './rule.js';

export const gnocchiAggregationByMetricsThreshold = gnocchiAlarmType({ type: TYPE, parseRule: parseGnocchiAggregationByMetricsRule });
