import type { JsonObject } from '../../domain/alarm.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { queryItemFields, validateQueryItem } from './query.js';

export const TYPE = 'event';

/**
 * Longest `event_type` pattern accepted, in characters (Aodh has no limit). Event types are at
 * most 255 characters (Ceilometer's and Panko's column; the listener's cap), and a pattern
 * needs more only for bracket classes: four times that is room for any real pattern.
 */
export const MAX_EVENT_TYPE_PATTERN_LENGTH = 1024;

/** §2.7: an fnmatch pattern on the event type plus AND-ed trait conditions. */
export const eventFields = {
  event_type: { type: 'string', default: '*', maxLength: MAX_EVENT_TYPE_PATTERN_LENGTH },
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
