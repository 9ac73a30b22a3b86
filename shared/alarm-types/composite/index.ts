import type { AlarmTypePlugin, AlarmTypeRegistry } from '../plugin.js';
import { evaluateComposite } from './evaluate.js';
import { parseCompositeRule, validateCompositeRule } from './rule.js';

/**
 * The composite type needs the registry of its leaf types, and the registry contains it:
 * a factory called by registry.ts breaks the import cycle. Only `composable` plugins of
 * `leafTypes` are accepted as leaves.
 */
export function compositeAlarmType(leafTypes: AlarmTypeRegistry): AlarmTypePlugin {
  return {
    type: 'composite',
    trigger: 'scheduled',
    composable: false,
    parseRule: (input) => parseCompositeRule(input, leafTypes),
    validateRule: (rule, context) => validateCompositeRule(rule, leafTypes, context),
    evaluate: (alarm, context) => evaluateComposite(alarm, leafTypes, context),
  };
}
