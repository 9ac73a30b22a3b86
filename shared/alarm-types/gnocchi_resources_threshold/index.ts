import type { AlarmTypePlugin } from '../plugin.js';
import { gnocchiAlarmType } from '../gnocchi-common/recipe.js';
import { evaluateGnocchiResourcesThreshold } from './evaluate.js';
import { parseGnocchiResourcesThresholdRule, TYPE } from './rule.js';

export const gnocchiResourcesThreshold: AlarmTypePlugin = {
  ...gnocchiAlarmType({ type: TYPE, parseRule: parseGnocchiResourcesThresholdRule }),
  evaluateThreshold: evaluateGnocchiResourcesThreshold,
};
