import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { queryItemFields, validateQueryItem } from './query.js';

export const TYPE = 'event';

/** §2.7: an fnmatch pattern on the event type plus AND-ed trait conditions. */
export const eventFields = {
  event_type: { type: 'string', default: '*' },
  query: { type: 'object[]', fields: queryItemFields, default: [] },
} as const satisfies ObjectSpec;

export function parseEventRule(input: unknown): JsonObject {
  const rule = parseRuleObject(TYPE, input, eventFields);
  const query = rule.query as JsonObject[];
  return {
    // Aodh's `event_type or '*'`: an empty pattern means every event type.
    event_type: rule.event_type === '' ? '*' : (rule.event_type as string),
    query: query.map(validateQueryItem),
  };
}
