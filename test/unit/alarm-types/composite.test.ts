import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectRejects, expectThrows } from '../../support/expect-error.js';
import { fakeGnocchi, ruleContext } from './context.js';

const composite = alarmTypes.composite as AlarmTypePlugin;
const gnocchiLeaf = { type: 'gnocchi_resources_threshold', metric: 'cpu', resource_id: 'r1', resource_type: 'instance', aggregation_method: 'last', threshold: 0.8 };
const byResourcesLeaf = { type: 'gnocchi_aggregation_by_resources_threshold', metric: 'cpu', resource_type: 'instance', aggregation_method: 'mean', threshold: 1, query: '{"=": {"a": 1}}' };
const promLeaf = { type: 'prometheus', query: 'up', threshold: '1' };
const invalid = (repr: string) =>
  `Invalid input composite rule: ${repr}, it should be a dict with an "and" or "or" as key, and the value of dict should be a list of basic threshold rules or sub composite rules, can be nested.`;
const leafNames = "['cloudwatch_threshold', 'gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold', 'gnocchi_resources_threshold', 'prometheus']";

describe('composite rule: structure (§2.6)', () => {
  it('normalises every leaf and keeps the tree', () => {
    expect(composite.parseRule({ or: [gnocchiLeaf, { and: [promLeaf, { or: [] }] }] })).toStrictEqual({
      or: [
        { comparison_operator: 'eq', threshold: 0.8, aggregation_method: 'last', evaluation_periods: 1, granularity: 60, metric: 'cpu', resource_id: 'r1', resource_type: 'instance', type: 'gnocchi_resources_threshold' },
        { and: [{ comparison_operator: 'eq', threshold: 1, query: 'up', type: 'prometheus' }, { or: [] }] },
      ],
    });
  });

  it('accepts a single leaf and empty and/or arrays, as Aodh does', () => {
    expect(composite.parseRule(gnocchiLeaf)).toMatchObject({ type: 'gnocchi_resources_threshold', granularity: 60 });
    expect(composite.parseRule({ and: [] })).toEqual({ and: [] });
  });

  it('accepts a cloudwatch leaf', () => {
    expect(composite.parseRule({ and: [{ type: 'cloudwatch_threshold', namespace: 'AWS/EC2', metric_name: 'CPUUtilization', threshold: 90 }] })).toMatchObject({
      and: [{ type: 'cloudwatch_threshold', statistic: 'Average', period: 60 }],
    });
  });

  it('drops a scope_to_project a client sends in a prometheus leaf', () => {
    expect(composite.parseRule({ and: [{ ...promLeaf, scope_to_project: 'other' }] })).toEqual({ and: [{ comparison_operator: 'eq', threshold: 1, query: 'up', type: 'prometheus' }] });
  });

  it.each<[string, unknown, string]>([
    ['a one-key node that is not and/or', { xor: [] }, 'Threshold rules should be combined with "and" or "or"'],
    ['a leaf with only its type', { and: [{ type: 'prometheus' }] }, 'Threshold rules should be combined with "and" or "or"'],
    ['and/or not holding a list', { and: { type: 'x' } }, invalid("{'and': {'type': 'x'}}")],
    ['a string child', { or: ['x'] }, invalid('x')],
    ['a list child', { or: [[1]] }, invalid('[1]')],
    ['a null child', { or: [null] }, invalid('None')],
    ['a rule that is a string', 'x', invalid('x')],
    ['a leaf without type', { or: [{ metric: 'cpu', threshold: 1 }] }, 'type must be set in every rule'],
    ['a leaf with an empty type', { or: [{ type: '', threshold: 1 }] }, 'type must be set in every rule'],
    ['an empty leaf', { or: [{}] }, 'type must be set in every rule'],
    ['an event leaf', { or: [{ type: 'event', event_type: 'x' }] }, `Unsupported sub-rule type :event in composite rule, should be one of: ${leafNames}`],
    ['a nested composite leaf', { or: [{ type: 'composite', x: 1 }] }, `Unsupported sub-rule type :composite in composite rule, should be one of: ${leafNames}`],
    ['an unknown leaf type', { or: [{ type: 'threshold', x: 1 }] }, `Unsupported sub-rule type :threshold in composite rule, should be one of: ${leafNames}`],
    ['a non-string leaf type', { or: [{ type: 5, x: 1 }] }, `Unsupported sub-rule type :5 in composite rule, should be one of: ${leafNames}`],
    ['a bad leaf field', { or: [{ ...gnocchiLeaf, threshold: 'hot' }] }, "Invalid input for field/attribute threshold. Value: 'hot'. could not convert string to float: 'hot'"],
    ['a missing leaf field', { or: [{ ...promLeaf, query: undefined }] }, "Invalid input for field/attribute query. Value: 'None'. Mandatory field missing."],
  ])('refuses %s', (_name, rule, message) => {
    expectThrows(() => composite.parseRule(rule), InvalidInputError, message);
  });

  it('reports unknown leaf attributes for plain data, as WSME does', () => {
    expectThrows(() => composite.parseRule({ or: [{ ...promLeaf, foo: 1 }] }), UnknownAttributeError, 'Unknown attribute for argument data: foo');
  });

  it('refuses absurdly deep trees instead of overflowing the stack', () => {
    let rule: unknown = promLeaf;
    for (let i = 0; i < 5_000; i += 1) rule = { and: [rule] };
    expect(() => composite.parseRule(rule)).toThrow(InvalidInputError);
  });
});

describe('composite rule: leaves run their own validateRule (fix of §13.7)', () => {
  it('scopes gnocchi search leaves and prometheus leaves', async () => {
    const gnocchi = fakeGnocchi(['last', 'mean']);
    const parsed = composite.parseRule({ and: [byResourcesLeaf, { or: [promLeaf, gnocchiLeaf] }] });
    const stored = await composite.validateRule!(parsed, ruleContext({ gnocchi }));
    expect(stored).toMatchObject({
      and: [
        { type: 'gnocchi_aggregation_by_resources_threshold', query: '{"and": [{"=": {"created_by_project_id": "p"}}, {"=": {"a": 1}}]}' },
        { or: [{ type: 'prometheus', scope_to_project: 'p' }, { type: 'gnocchi_resources_threshold' }] },
      ],
    });
    expect(gnocchi.trials).toHaveLength(1);
  });

  it('sets scope_to_project to null when unscoped', async () => {
    const stored = await composite.validateRule!(composite.parseRule({ or: [promLeaf] }), ruleContext({ scopeProjectId: undefined }));
    expect(stored).toEqual({ or: [{ comparison_operator: 'eq', threshold: 1, query: 'up', type: 'prometheus', scope_to_project: null }] });
  });

  it("checks leaves' aggregation methods", async () => {
    const parsed = composite.parseRule({ or: [promLeaf, { ...gnocchiLeaf, aggregation_method: 'avg' }] });
    await expectRejects(composite.validateRule!(parsed, ruleContext({ gnocchi: fakeGnocchi(['last']) })), InvalidInputError, "aggregation_method should be in ['last'] not avg");
  });

  it("checks leaves' queries", async () => {
    const parsed = composite.parseRule({ or: [{ ...byResourcesLeaf, query: 'nope' }] });
    await expectRejects(composite.validateRule!(parsed, ruleContext()), InvalidInputError, "Invalid input for field/attribute rule/query. Value: 'nope'. ");
  });
});
