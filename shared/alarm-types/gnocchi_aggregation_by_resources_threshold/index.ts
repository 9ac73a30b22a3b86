import type { JsonObject } from '../../domain/alarm.js';
import { pyJsonDumps } from '../../python/repr.js';
import type { AlarmTypePlugin, RuleValidationContext } from '../plugin.js';
import { gnocchiAlarmType } from '../gnocchi-common/recipe.js';
import { parseSearchQuery, scopeSearchQuery } from './query-scope.js';
import { evaluateGnocchiAggregationByResourcesThreshold } from './evaluate.js';
import { parseGnocchiAggregationByResourcesRule, TYPE } from './rule.js';

/**
 * §2.4 steps 1–3 after the aggregation-method check. Without Gnocchi the query is still
 * checked and scoped, so what we store is what Aodh would store.
 */
async function scopeAndTry(rule: JsonObject, context: RuleValidationContext): Promise<JsonObject> {
  const text = String(rule.query);
  const query = parseSearchQuery(text);
  const scoped = context.scopeProjectId === undefined ? query : scopeSearchQuery(query, context.scopeProjectId);
  if (context.gnocchi) {
    await context.gnocchi.trialResourceAggregation({
      metric: String(rule.metric),
      resourceType: String(rule.resource_type),
      query: scoped,
      aggregationMethod: String(rule.aggregation_method),
    });
  }
  // Aodh stores the rewrite with Python's json.dumps; an unchanged query keeps the client's text.
  return scoped === query ? rule : { ...rule, query: pyJsonDumps(scoped) };
}

export const gnocchiAggregationByResourcesThreshold: AlarmTypePlugin = {
  ...gnocchiAlarmType({ type: TYPE, parseRule: parseGnocchiAggregationByResourcesRule, extraValidation: scopeAndTry }),
  evaluateThreshold: evaluateGnocchiAggregationByResourcesThreshold,
};
