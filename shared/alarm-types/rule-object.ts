import type { JsonObject } from '../domain/alarm.js';
import { parseObject, type ObjectSpec } from '../validation/fields.js';

/**
 * Parses `<type>_rule` as a WSME complex attribute of the alarm body: unknown attributes
 * inside it are reported for argument `data.<type>_rule`, as WSME names nested arguments.
 */
export function parseRuleObject(type: string, input: unknown, spec: ObjectSpec): JsonObject {
  return parseObject(input, spec, `data.${type}_rule`);
}
