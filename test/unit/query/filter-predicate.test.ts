import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterPredicate, type FilterNode } from '../../../shared/query/complex-query.js';

const alarm = {
  alarm_id: 'a1',
  name: 'cpu high',
  enabled: true,
  repeat_actions: false,
  state: 'alarm',
  severity: 'moderate',
  project_id: 'p1',
  timestamp: '2015-01-01T12:00:00',
  evaluate_timestamp: null,
  rule: { metric: 'cpu', threshold: 80.5, query: ['a', 'é'] },
  alarm_actions: ['http://x/'],
  count: 5,
};

describe('filterPredicate', () => {
  it.each<[FilterNode, boolean]>([
    [{ op: '=', field: 'name', value: 'cpu high' }, true],
    [{ op: '=', field: 'name', value: 'CPU high' }, false],
    [{ op: '!=', field: 'name', value: 'x' }, true],
    [{ op: '=', field: 'enabled', value: true }, true],
    [{ op: '<', field: 'repeat_actions', value: true }, true],
    [{ op: '>', field: 'count', value: 4 }, true],
    [{ op: '>=', field: 'count', value: 5 }, true],
    [{ op: '<=', field: 'count', value: 4.5 }, false],
    [{ op: '<', field: 'timestamp', value: '2015-01-01T12:00:00.5' }, true],
    [{ op: '>', field: 'severity', value: 'low' }, true], // text comparison, as in SQL
    // Another type on either side never matches, whatever the operator.
    [{ op: '=', field: 'count', value: '5' }, false],
    [{ op: '!=', field: 'count', value: '5' }, false],
    [{ op: '=', field: 'enabled', value: 1 }, false],
    // NULL or a missing column never matches.
    [{ op: '=', field: 'evaluate_timestamp', value: 'x' }, false],
    [{ op: '!=', field: 'evaluate_timestamp', value: 'x' }, false],
    [{ op: '!=', field: 'nope', value: 'x' }, false],
    // =~ is an unanchored search, case-sensitive unless (?i).
    [{ op: '=~', field: 'name', value: 'u h' }, true],
    [{ op: '=~', field: 'name', value: '^cpu' }, true],
    [{ op: '=~', field: 'name', value: '^CPU' }, false],
    [{ op: '=~', field: 'name', value: '(?i)^CPU' }, true],
    [{ op: '=~', field: 'count', value: '5' }, false],
    [{ op: '=~', field: 'name', value: 'a(b' }, false],
    // JSON columns compare by their text as Python's json.dumps writes it.
    [{ op: '=~', field: 'rule', value: '"threshold": 80.5' }, true],
    [{ op: '=~', field: 'rule', value: '"query": \\["a", "\\\\u00e9"\\]' }, true],
    [{ op: '=', field: 'alarm_actions', value: '["http://x/"]' }, true],
    [{ op: 'in', field: 'state', values: ['ok', 'alarm'] }, true],
    [{ op: 'in', field: 'count', values: ['5'] }, false],
    [{ op: 'in', field: 'count', values: [4, 5] }, true],
    [{ op: 'in', field: 'evaluate_timestamp', values: ['x'] }, false],
    [{ op: 'not', operand: { op: '=', field: 'evaluate_timestamp', value: 'x' } }, true],
    [{ op: 'and', operands: [{ op: '=', field: 'state', value: 'alarm' }, { op: '=', field: 'count', value: 5 }] }, true],
    [{ op: 'and', operands: [{ op: '=', field: 'state', value: 'alarm' }, { op: '=', field: 'count', value: 6 }] }, false],
    [{ op: 'or', operands: [{ op: '=', field: 'state', value: 'ok' }, { op: '=', field: 'count', value: 5 }] }, true],
  ])('%j is %s', (node, expected) => {
    expect(filterPredicate(node)(alarm)).toBe(expected);
  });
});

const field = fc.constantFrom('name', 'count', 'enabled', 'rule', 'missing', 'state');
const scalar = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constantFrom('a', 'ok', '.', '(', '[a-'));
const leaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({ op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=', '=~' as const), field, value: scalar }),
  fc.record({ op: fc.constant('in' as const), field, values: fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: -2, max: 2 })), { minLength: 1, maxLength: 3 }) }),
);
const { node } = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ op: fc.constantFrom('and', 'or' as const), operands: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ op: fc.constant('not' as const), operand: tie('node') }),
  ),
}));
const record = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)),
    count: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant('1')),
    enabled: fc.boolean(),
    rule: fc.oneof(fc.constant({ a: 1 }), fc.constant(['ok'])),
    state: fc.constantFrom('ok', 'alarm', 'insufficient data'),
  },
  { requiredKeys: [] },
);

describe('filterPredicate properties', () => {
  it('{not: X} is the negation of X', () => {
    fc.assert(fc.property(node, record, (x, r) => filterPredicate({ op: 'not', operand: x })(r) === !filterPredicate(x)(r)));
  });

  it('and/or agree with boolean logic over their operands', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 2, maxLength: 4 }), record, (operands, r) => {
        const values = operands.map((operand) => filterPredicate(operand)(r));
        expect(filterPredicate({ op: 'and', operands })(r)).toBe(values.every(Boolean));
        expect(filterPredicate({ op: 'or', operands })(r)).toBe(values.some(Boolean));
      }),
    );
  });

  it('never throws on any record', () => {
    fc.assert(fc.property(node, fc.dictionary(field, fc.jsonValue()), (x, r) => typeof filterPredicate(x)(r) === 'boolean'));
  });
});
