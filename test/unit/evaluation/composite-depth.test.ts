import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { JsonObject } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { alarm, context, fakePrometheus } from './fakes.js';

const composite = alarmTypes.composite as AlarmTypePlugin;

/** The deepest tree the API accepts (issue 11 A8): 50 and/or levels over one leaf. */
function nested(depth: number, leaf: JsonObject): JsonObject {
  let node = leaf;
  for (let level = 0; level < depth; level++) node = { [level % 2 ? 'and' : 'or']: [node] };
  return node;
}

describe('composite rules at the depth cap (issue 11 A8)', () => {
  it('evaluates a tree nested 50 deep whose leaf threshold is beyond DynamoDB’s number range', async () => {
    const leaf = { type: 'prometheus', query: 'cpu', comparison_operator: 'gt', threshold: 1e308 };
    const tree = composite.parseRule(nested(50, leaf));
    const decision = await evaluateAlarm(alarm('composite', tree, 'insufficient data'), composite, context({ prometheus: fakePrometheus({ cpu: [1e307] }) }));
    expect(decision?.state).toBe('ok');
    const above = await evaluateAlarm(alarm('composite', tree, 'ok'), composite, context({ prometheus: fakePrometheus({ cpu: [Number.MAX_VALUE] }) }));
    expect(above?.state).toBe('alarm');
  });
});
