import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import { InvalidInputError, NotAuthorizedError } from '../../../shared/errors.js';
import { notifiers } from '../../../shared/notifiers/registry.js';
import { parseAlarmBody, parseQuotaBody, parseStateBody } from '../../../shared/validation/alarm-body.js';

/** Only client errors may escape the parser: anything else would be a 500 for bad input. */
function onlyClientErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof NotAuthorizedError) return true;
    throw error;
  }
}

const options = (callerIsAdmin: boolean, maxActions: number) => ({ alarmTypes, notifiers, maxActions, callerIsAdmin });

const validBodies: Record<string, unknown>[] = [
  { name: 'g', type: 'gnocchi_resources_threshold', gnocchi_resources_threshold_rule: { metric: 'cpu', resource_id: 'r', resource_type: 'instance', aggregation_method: 'mean', threshold: 80 } },
  { name: 'm', type: 'gnocchi_aggregation_by_metrics_threshold', gnocchi_aggregation_by_metrics_threshold_rule: { metrics: ['a'], aggregation_method: 'mean', threshold: 1 } },
  { name: 'r', type: 'gnocchi_aggregation_by_resources_threshold', gnocchi_aggregation_by_resources_threshold_rule: { metric: 'cpu', resource_type: 'instance', query: '{}', aggregation_method: 'mean', threshold: 1 } },
  { name: 'c', type: 'composite', composite_rule: { or: [{ type: 'prometheus', query: 'up', threshold: 1 }, { and: [] }] } },
  { name: 'e', type: 'event', event_rule: { event_type: 'x.*', query: [{ field: 'traits.a', value: '1', type: 'integer', op: 'eq' }] } },
  { name: 'p', type: 'prometheus', prometheus_rule: { query: 'up', threshold: 1 } },
  { name: 'w', type: 'cloudwatch_threshold', cloudwatch_threshold_rule: { namespace: 'AWS/EC2', metric_name: 'CPU', threshold: 1, dimensions: [{ name: 'a', value: 'b' }] } },
].map((body) => ({ ...body, alarm_actions: ['http://example.com/'], time_constraints: [{ name: 't', start: '0 1 * * *', duration: 60 }] }));

const attributeNames = [
  'name', 'description', 'type', 'enabled', 'ok_actions', 'alarm_actions', 'insufficient_data_actions', 'repeat_actions',
  'time_constraints', 'state', 'severity', 'project_id', 'user_id', 'evaluate_timestamp', 'alarm_id', 'timestamp',
  ...Object.keys(alarmTypes).map((type) => `${type}_rule`), 'threshold_rule', '__proto__', 'constructor',
];

/** Replace or delete one attribute, at the top level or inside the rule, with arbitrary JSON. */
const mutatedBody = fc
  .tuple(
    fc.constantFrom(...validBodies),
    fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...attributeNames), fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined })), { maxLength: 4 }),
  )
  .map(([body, edits]) => {
    const copy = structuredClone(body) as Record<string, unknown>;
    for (const [inRule, key, value] of edits) {
      // Not String(copy.type): arbitrary JSON can be {"toString": 1}, which String() cannot convert.
      const ruleKey = `${typeof copy.type === 'string' ? copy.type : ''}_rule`;
      const rule = copy[ruleKey];
      const target = inRule && typeof rule === 'object' && rule !== null && !Array.isArray(rule) ? (rule as Record<string, unknown>) : copy;
      if (value === undefined) delete target[key];
      else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

describe('parseAlarmBody never fails with anything but a client error', () => {
  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (body, admin) => onlyClientErrors(() => parseAlarmBody(body, options(admin, -1)))), { numRuns: 500 });
  });

  it('on arbitrary objects with alarm attribute names', () => {
    const body = fc.dictionary(fc.constantFrom(...attributeNames), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(fc.property(body, fc.boolean(), (value, admin) => onlyClientErrors(() => parseAlarmBody(value, options(admin, 2)))), { numRuns: 500 });
  });

  it('on mutated valid bodies', () => {
    fc.assert(fc.property(mutatedBody, fc.boolean(), (body, admin) => onlyClientErrors(() => parseAlarmBody(body, options(admin, 1)))), { numRuns: 1000 });
  });

  it('accepts every unmutated valid body', () => {
    for (const body of validBodies) expect(parseAlarmBody(body, options(false, -1)).type).toBe(body.type);
  });

  it('on arbitrary composite trees', () => {
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        // Leaves first: with maxDepth, fast-check falls back to the first arbitrary at the bottom.
        { maxDepth: 4, depthSize: 'small' },
        fc.record({ type: fc.constantFrom('prometheus', 'event', 'gnocchi_resources_threshold', ''), query: fc.jsonValue({ maxDepth: 1 }), threshold: fc.jsonValue({ maxDepth: 1 }) }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ and: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.record({ or: fc.array(tie('node'), { maxLength: 3 }) }),
      ),
    })).node;
    fc.assert(fc.property(tree, (composite_rule) => onlyClientErrors(() => parseAlarmBody({ name: 'c', type: 'composite', composite_rule }, options(false, -1)))), { numRuns: 500 });
  });

  it('parseStateBody and parseQuotaBody on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => onlyClientErrors(() => parseStateBody(body)) && onlyClientErrors(() => parseQuotaBody(body))), { numRuns: 300 });
    const quota = fc.record({ project_id: fc.jsonValue({ maxDepth: 1 }), quotas: fc.array(fc.dictionary(fc.constantFrom('resource', 'limit', 'x'), fc.jsonValue({ maxDepth: 1 }))) }, { requiredKeys: [] });
    fc.assert(fc.property(quota, (body) => onlyClientErrors(() => parseQuotaBody(body))), { numRuns: 300 });
  });
});
