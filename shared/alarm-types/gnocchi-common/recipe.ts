import type { JsonObject } from '../../domain/alarm.js';
import { InvalidInputError } from '../../errors.js';
import { GNOCCHI } from '../../metric-sources/gnocchi/query.js';
import { pyRepr } from '../../python/repr.js';
import type { AlarmTypePlugin, RuleValidationContext } from '../plugin.js';
import { checkSemantics } from '../../evaluation/semantics/fields.js';

/**
 * §2.1.1: the aggregation method must be one Gnocchi advertises. Skipped when no Gnocchi
 * is configured (nothing to ask). The list prints as Python's repr, in Gnocchi's order.
 */
export async function checkAggregationMethod(rule: JsonObject, context: RuleValidationContext): Promise<void> {
  if (!context.gnocchi) return;
  const method = rule.aggregation_method;
  const methods = await context.gnocchi.aggregationMethods();
  if (typeof method !== 'string' || !methods.includes(method)) {
    throw new InvalidInputError(`aggregation_method should be in ${pyRepr(methods)} not ${String(method)}`, 'aggregation_method');
  }
}

/**
 * Builds a gnocchi alarm type from its rule parser. The three gnocchi types differ only in
 * their fields and in extra checks after the aggregation-method one, so they are composed
 * from this one recipe instead of inheriting from each other as Aodh's classes do.
 */
export function gnocchiAlarmType(recipe: {
  type: string;
  parseRule: (input: unknown) => JsonObject;
  extraValidation?: (rule: JsonObject, context: RuleValidationContext) => Promise<JsonObject>;
}): AlarmTypePlugin {
  const { type, parseRule, extraValidation } = recipe;
  return {
    type,
    trigger: 'scheduled',
    composable: true,
    source: GNOCCHI.name,
    // Cross-field checks of the semantics fields (M <= N, ok_threshold's side) after the spec's own.
    parseRule: (input) => checkSemantics(parseRule(input)),
    async validateRule(rule, context) {
      await checkAggregationMethod(rule, context);
      return extraValidation ? extraValidation(rule, context) : rule;
    },
  };
}
