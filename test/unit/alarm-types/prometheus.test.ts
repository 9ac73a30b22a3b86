import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectThrows } from '../../support/expect-error.js';
import { ruleContext } from './context.js';

const prometheus = alarmTypes.prometheus as AlarmTypePlugin;

describe('prometheus rule (§2.5)', () => {
  it('fills in the operator and coerces the threshold', () => {
    expect(prometheus.parseRule({ query: 'rate(x[5m])', threshold: '50' })).toStrictEqual({ comparison_operator: 'eq', threshold: 50, query: 'rate(x[5m])' });
  });

  it('drops a client-sent scope_to_project', () => {
    expect(prometheus.parseRule({ query: 'up', threshold: 1, scope_to_project: 'other' })).toStrictEqual({ comparison_operator: 'eq', threshold: 1, query: 'up' });
  });

  it('stores the scoping project, or null when unscoped', async () => {
    const rule = prometheus.parseRule({ query: 'up', threshold: 1 });
    await expect(prometheus.validateRule!(rule, ruleContext({ scopeProjectId: 'p2' }))).resolves.toEqual({ ...rule, scope_to_project: 'p2' });
    await expect(prometheus.validateRule!(rule, ruleContext({ scopeProjectId: undefined }))).resolves.toEqual({ ...rule, scope_to_project: null });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ threshold: 1 }, "Invalid input for field/attribute query. Value: 'None'. Mandatory field missing."],
    [{ query: 'up' }, "Invalid input for field/attribute threshold. Value: 'None'. Mandatory field missing."],
    [{ query: 'up', threshold: false }, "Invalid input for field/attribute threshold. Value: 'False'. Wrong type. Expected '<class 'float'>', got '<class 'bool'>'"],
    [{ query: 5, threshold: 1 }, "Invalid input for field/attribute query. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'"],
  ])('refuses %j', (rule, message) => {
    expectThrows(() => prometheus.parseRule(rule), InvalidInputError, message);
  });

  it('refuses unknown attributes', () => {
    expectThrows(() => prometheus.parseRule({ query: 'up', threshold: 1, aggregation_method: 'mean' }), UnknownAttributeError, 'Unknown attribute for argument data.prometheus_rule: aggregation_method');
  });
});
