import type { JsonObject } from '../../domain/alarm.js';

/**
 * The alarm's rule is stored as its JSON text in this string attribute, not as a DynamoDB map.
 * A map cannot hold every rule the API accepts: DynamoDB numbers span only 1e-130 … 1e126 with
 * 38 digits (1e308, 5e-324 are refused), lib-dynamodb refuses integers beyond 2^53 (1e16), and
 * documents nest at most 32 levels (a composite tree may nest 50). JSON text holds any finite
 * double exactly (JS writes the shortest text that reads back as the same double) at any depth.
 * Nothing filters or projects on rule fields in DynamoDB, so nothing is lost by the encoding.
 */
export const RULE_ATTRIBUTE = 'rule_json';

export function encodeRule(rule: JsonObject): string {
  return JSON.stringify(rule);
}

/** Items written before the encoding carry the rule as a map under `rule`; they are read as they are. */
export function decodeRule(encoded: unknown, legacy: unknown): JsonObject {
  if (typeof encoded === 'string') return JSON.parse(encoded) as JsonObject;
  return (legacy ?? {}) as JsonObject;
}
