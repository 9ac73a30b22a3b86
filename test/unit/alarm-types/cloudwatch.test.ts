import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import { ForbiddenError, InvalidInputError } from '../../../shared/errors.js';
import { scopeCloudwatchRule } from '../../../shared/alarm-types/cloudwatch_threshold/tenancy.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectThrows } from '../../support/expect-error.js';

const cloudwatch = alarmTypes.cloudwatch_threshold as AlarmTypePlugin;
const base = { namespace: 'AWS/EC2', metric_name: 'CPUUtilization', threshold: 90 };
const msg = (field: string, value: string, detail: string) => `Invalid input for field/attribute ${field}. Value: '${value}'. ${detail}`;

describe('cloudwatch_threshold rule', () => {
  it('fills in the defaults', () => {
    expect(cloudwatch.parseRule(base)).toStrictEqual({
      namespace: 'AWS/EC2',
      metric_name: 'CPUUtilization',
      dimensions: [],
      statistic: 'Average',
      period: 60,
      evaluation_periods: 1,
      comparison_operator: 'eq',
      threshold: 90,
    });
  });

  it('keeps dimensions and coerces numbers', () => {
    const rule = cloudwatch.parseRule({ ...base, dimensions: [{ name: 'InstanceId', value: 'i-1' }], period: '300', threshold: '75.5', comparison_operator: 'gt', evaluation_periods: 3 });
    expect(rule).toMatchObject({ dimensions: [{ name: 'InstanceId', value: 'i-1' }], period: 300, threshold: 75.5, comparison_operator: 'gt', evaluation_periods: 3 });
  });

  it.each(['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum', 'p0', 'p50', 'p99', 'p99.9', 'p99.99', 'p100', 'p100.0'])('accepts the statistic %s', (statistic) => {
    expect(cloudwatch.parseRule({ ...base, statistic }).statistic).toBe(statistic);
  });

  it.each([10, 30, 60, 120, 86_400])('accepts the period %d', (period) => {
    expect(cloudwatch.parseRule({ ...base, period }).period).toBe(period);
  });

  const statisticDetail = 'Value should be one of: SampleCount, Average, Sum, Minimum, Maximum, or a percentile between p0 and p100 (e.g. p99, p99.9)';
  it.each<[string, Record<string, unknown>, string]>([
    ['a missing namespace', { namespace: undefined }, msg('namespace', 'None', 'Mandatory field missing.')],
    ['an empty namespace', { namespace: '' }, msg('namespace', '', 'Value should have a minimum character requirement of 1')],
    ['a long metric name', { metric_name: 'm'.repeat(256) }, msg('metric_name', 'm'.repeat(256), 'Value should have a maximum character requirement of 255')],
    ['a missing metric name', { metric_name: undefined }, msg('metric_name', 'None', 'Mandatory field missing.')],
    ['a missing threshold', { threshold: undefined }, msg('threshold', 'None', 'Mandatory field missing.')],
    ['a lower-case statistic', { statistic: 'average' }, msg('statistic', 'average', statisticDetail)],
    ['p101', { statistic: 'p101' }, msg('statistic', 'p101', statisticDetail)],
    ['p100.5', { statistic: 'p100.5' }, msg('statistic', 'p100.5', statisticDetail)],
    ['a bare p', { statistic: 'p' }, msg('statistic', 'p', statisticDetail)],
    ['a 45 s period', { period: 45 }, msg('period', '45', 'Value should be 10, 30 or a multiple of 60')],
    ['a 90 s period', { period: 90 }, msg('period', '90', 'Value should be 10, 30 or a multiple of 60')],
    ['a 5 s period', { period: 5 }, msg('period', '5', 'Value should be greater or equal to 10')],
    ['a period over a day', { period: 86_460 }, msg('period', '86460', 'Value should be lower or equal to 86400')],
    ['zero evaluation periods', { evaluation_periods: 0 }, msg('evaluation_periods', '0', 'Value should be greater or equal to 1')],
    ['101 evaluation periods', { evaluation_periods: 101 }, msg('evaluation_periods', '101', 'Value should be lower or equal to 100')],
    ['a bad operator', { comparison_operator: '>' }, msg('comparison_operator', '>', 'Value should be one of: lt, le, eq, ne, ge, gt')],
    ['a dimension without value', { dimensions: [{ name: 'a' }] }, msg('value', 'None', 'Mandatory field missing.')],
    ['an empty dimension value', { dimensions: [{ name: 'a', value: '' }] }, msg('value', '', 'Value should have a minimum character requirement of 1')],
    [
      'duplicate dimension names',
      { dimensions: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] },
      msg('dimensions', "[{'name': 'a', 'value': '1'}, {'name': 'a', 'value': '2'}]", 'Dimension names must be unique'),
    ],
  ])('refuses %s', (_name, extra, message) => {
    expectThrows(() => cloudwatch.parseRule({ ...base, ...extra }), InvalidInputError, message);
  });

  it('refuses more than 30 dimensions', () => {
    const dimensions = Array.from({ length: 31 }, (_, i) => ({ name: `d${i}`, value: 'v' }));
    expect(() => cloudwatch.parseRule({ ...base, dimensions })).toThrow(/Value should have at most 30 items$/);
    expect(cloudwatch.parseRule({ ...base, dimensions: dimensions.slice(0, 30) }).dimensions).toHaveLength(30);
  });

  it('reports unknown attributes', () => {
    expectThrows(() => cloudwatch.parseRule({ ...base, dimensions: [{ name: 'a', value: 'b', c: 1 }] }), UnknownAttributeError, 'Unknown attribute for argument data.cloudwatch_threshold_rule.dimensions: c');
  });

  it('is a scheduled, composable type whose context check scopes it to the project', () => {
    expect(cloudwatch).toMatchObject({ trigger: 'scheduled', composable: true, source: 'cloudwatch' });
    expect(cloudwatch.validateRule).toBeTypeOf('function');
  });
});

describe('cloudwatch_threshold tenancy (scopeCloudwatchRule)', () => {
  const rule = { namespace: 'MyApp/Web', metric_name: 'Latency', dimensions: [{ name: 'service', value: 'api' }] };
  const tenancy = { projectDimension: 'project_id', tenantNamespaces: [] as string[] };

  it('marks an unscoped (admin) rule with a null scope, on any namespace', () => {
    expect(scopeCloudwatchRule({ ...rule, namespace: 'AWS/Lambda' }, tenancy, undefined)).toMatchObject({ scope_to_project: null });
  });

  it('scopes a project rule, and accepts its own project dimension', () => {
    expect(scopeCloudwatchRule(rule, tenancy, 'p1')).toMatchObject({ scope_to_project: 'p1' });
    const own = { ...rule, dimensions: [{ name: 'project_id', value: 'p1' }] };
    expect(scopeCloudwatchRule(own, tenancy, 'p1')).toMatchObject({ scope_to_project: 'p1' });
  });

  it('refuses AWS/ namespaces by default, and anything off an operator list when one is set', () => {
    expect(() => scopeCloudwatchRule({ ...rule, namespace: 'AWS/EC2' }, tenancy, 'p1')).toThrow(ForbiddenError);
    const listed = { ...tenancy, tenantNamespaces: ['MyApp/*', 'Billing'] };
    expect(scopeCloudwatchRule(rule, listed, 'p1')).toMatchObject({ scope_to_project: 'p1' });
    expect(scopeCloudwatchRule({ ...rule, namespace: 'Billing' }, listed, 'p1')).toMatchObject({ scope_to_project: 'p1' });
    expect(() => scopeCloudwatchRule({ ...rule, namespace: 'Billing/Extra' }, listed, 'p1')).toThrow('CloudWatch namespace Billing/Extra is not available to project alarms');
  });

  it('refuses another project in the project dimension, and 30 other dimensions', () => {
    expect(() => scopeCloudwatchRule({ ...rule, dimensions: [{ name: 'project_id', value: 'p2' }] }, tenancy, 'p1')).toThrow(ForbiddenError);
    const thirty = Array.from({ length: 30 }, (_, i) => ({ name: `d${i}`, value: 'v' }));
    expect(() => scopeCloudwatchRule({ ...rule, dimensions: thirty }, tenancy, 'p1')).toThrow(InvalidInputError);
  });
});
