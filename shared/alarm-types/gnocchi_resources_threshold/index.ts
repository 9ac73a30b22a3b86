import { gnocchiAlarmType } from '../threshold/gnocchi.js';
import { parseGnocchiResourcesThresholdRule, TYPE } from './rule.js';

export const gnocchiResourcesThreshold = gnocchiAlarmType({ type: TYPE, parseRule: parseGnocchiResourcesThresholdRule });
