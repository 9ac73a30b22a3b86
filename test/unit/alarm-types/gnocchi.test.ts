import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import { InvalidInputError, ServiceUnavailableError, UpstreamError } from '../../../shared/errors.js';
import { UnknownAttributeError } from '../../../shared/validation/errors.js';
import { expectRejects, expectThrows } from '../../support/expect-error.js';
import { fakeGnocchi, ruleContext } from './context.js';

const plugin = (type: string): AlarmTypePlugin => alarmTypes[type] as AlarmTypePlugin;
const resources = plugin('gnocchi_resources_threshold');
const byMetrics = plugin('gnocchi_aggregation_by_metrics_threshold');
const byResources = plugin('gnocchi_aggregation_by_resources_threshold');

const common = { aggregation_method: 'mean', threshold: 80 };
const resourcesRule = { ...common, metric: 'cpu', resource_id: 'r1', resource_type: 'instance' };
const searchText = '{"=": {"server_group": "x"}}';
const byResourcesRule = { ...common, metric: 'cpu', resource_type: 'instance', query: searchText };
const perm = { '=': { created_by_project_id: 'p' } };

describe('gnocchi rules: structure (§2.1–§2.4)', () => {
  it('fills in the common defaults', () => {
    const defaults = { comparison_operator: 'eq', evaluation_periods: 1, granularity: 60 };
    expect(resources.parseRule(resourcesRule)).toStrictEqual({ ...defaults, ...resourcesRule });
    expect(byMetrics.parseRule({ ...common, metrics: ['m1', 'm2'] })).toStrictEqual({ ...defaults, ...common, metrics: ['m1', 'm2'] });
    expect(byResources.parseRule(byResourcesRule)).toStrictEqual({ ...defaults, ...byResourcesRule });
  });

  it.each<[string, AlarmTypePlugin, unknown, string]>([
    ['metric', resources, { ...resourcesRule, metric: undefined }, "Invalid input for field/attribute metric. Value: 'None'. Mandatory field missing."],
    ['resource_id', resources, { ...resourcesRule, resource_id: undefined }, "Invalid input for field/attribute resource_id. Value: 'None'. Mandatory field missing."],
    ['aggregation_method', resources, { ...resourcesRule, aggregation_method: undefined }, "Invalid input for field/attribute aggregation_method. Value: 'None'. Mandatory field missing."],
    ['metrics', byMetrics, { ...common }, "Invalid input for field/attribute metrics. Value: 'None'. Mandatory field missing."],
    ['metrics type', byMetrics, { ...common, metrics: 'm1' }, "Invalid input for field/attribute metrics. Value: 'm1'. Wrong type. Expected '[<class 'str'>]', got '<class 'str'>'"],
    ['query', byResources, { ...byResourcesRule, query: undefined }, "Invalid input for field/attribute query. Value: 'None'. Mandatory field missing."],
    ['query type', byResources, { ...byResourcesRule, query: { '=': {} } }, "Invalid input for field/attribute query. Value: '{'=': {}}'. Wrong type. Expected '<class 'str'>', got '<class 'dict'>'"],
    ['comparison_operator', resources, { ...resourcesRule, comparison_operator: 'bad_co' }, "Invalid input for field/attribute comparison_operator. Value: 'bad_co'. Value should be one of: lt, le, eq, ne, ge, gt"],
    ['evaluation_periods min', resources, { ...resourcesRule, evaluation_periods: 0 }, "Invalid input for field/attribute evaluation_periods. Value: '0'. Value should be greater or equal to 1"],
    ['evaluation_periods max', resources, { ...resourcesRule, evaluation_periods: 101 }, "Invalid input for field/attribute evaluation_periods. Value: '101'. Value should be lower or equal to 100"],
    ['granularity min', resources, { ...resourcesRule, granularity: '0' }, "Invalid input for field/attribute granularity. Value: '0'. Value should be greater or equal to 1"],
    ['granularity max', resources, { ...resourcesRule, granularity: 31_536_001 }, "Invalid input for field/attribute granularity. Value: '31536001'. Value should be lower or equal to 31536000"],
    ['threshold text', resources, { ...resourcesRule, threshold: 'high' }, "Invalid input for field/attribute threshold. Value: 'high'. could not convert string to float: 'high'"],
  ])('refuses a bad %s', (_name, type, rule, message) => {
    expectThrows(() => type.parseRule(rule), InvalidInputError, message);
  });

  it('reports unknown rule attributes for data.<type>_rule', () => {
    expectThrows(() => byMetrics.parseRule({ ...common, metrics: [], x: 1 }), UnknownAttributeError, 'Unknown attribute for argument data.gnocchi_aggregation_by_metrics_threshold_rule: x');
  });
});

describe('gnocchi rules: checks with Gnocchi (§2.1.1)', () => {
  it('accepts an advertised aggregation method', async () => {
    const rule = resources.parseRule(resourcesRule);
    await expect(resources.validateRule?.(rule, ruleContext({ gnocchi: fakeGnocchi() }))).resolves.toEqual(rule);
  });

  it.each<[AlarmTypePlugin, object]>([
    [resources, resourcesRule],
    [byMetrics, { ...common, metrics: ['m1'] }],
    [byResources, byResourcesRule],
  ])('refuses an unknown aggregation method (%#)', async (type, rule) => {
    await expectRejects(
      type.validateRule!(type.parseRule({ ...rule, aggregation_method: 'avg' }), ruleContext({ gnocchi: fakeGnocchi() })),
      InvalidInputError,
      "aggregation_method should be in ['count', 'max', 'mean', 'rate:mean'] not avg",
    );
  });

  it('skips the Gnocchi checks when no Gnocchi is configured', async () => {
    const rule = resources.parseRule({ ...resourcesRule, aggregation_method: 'anything' });
    await expect(resources.validateRule?.(rule, ruleContext())).resolves.toEqual(rule);
  });

  it("passes Gnocchi's own errors through", async () => {
    const failing = { ...fakeGnocchi(), aggregationMethods: async () => Promise.reject(new ServiceUnavailableError('down')) };
    await expectRejects(resources.validateRule!(resources.parseRule(resourcesRule), ruleContext({ gnocchi: failing })), ServiceUnavailableError, 'down');
    const refusing = { ...fakeGnocchi(), trialResourceAggregation: async () => Promise.reject(new UpstreamError(400, 'Invalid search')) };
    await expectRejects(byResources.validateRule!(byResources.parseRule(byResourcesRule), ruleContext({ gnocchi: refusing })), UpstreamError, 'Invalid search');
  });
});

describe('gnocchi_aggregation_by_resources_threshold: query (§2.4)', () => {
  it('scopes the query to the project and stores it as json.dumps does', async () => {
    const gnocchi = fakeGnocchi();
    const stored = await byResources.validateRule!(byResources.parseRule(byResourcesRule), ruleContext({ gnocchi }));
    expect(stored.query).toBe('{"and": [{"=": {"created_by_project_id": "p"}}, {"=": {"server_group": "x"}}]}');
    expect(gnocchi.trials).toEqual([{ metric: 'cpu', resourceType: 'instance', aggregationMethod: 'mean', query: { and: [perm, { '=': { server_group: 'x' } }] } }]);
  });

  it('does not wrap an already scoped query again (fix of §13.16)', async () => {
    const first = await byResources.validateRule!(byResources.parseRule(byResourcesRule), ruleContext());
    const second = await byResources.validateRule!(byResources.parseRule({ ...byResourcesRule, query: first.query }), ruleContext());
    expect(second.query).toBe(first.query);
  });

  it("wraps a query scoped to another project, since it is not this caller's scope", async () => {
    const foreign = JSON.stringify({ and: [{ '=': { created_by_project_id: 'other' } }, { '=': { a: 1 } }] });
    const stored = await byResources.validateRule!(byResources.parseRule({ ...byResourcesRule, query: foreign }), ruleContext());
    expect(JSON.parse(String(stored.query))).toEqual({ and: [perm, JSON.parse(foreign)] });
  });

  it('keeps the query text as given when unscoped (an admin on their own project)', async () => {
    const gnocchi = fakeGnocchi();
    const stored = await byResources.validateRule!(byResources.parseRule(byResourcesRule), ruleContext({ scopeProjectId: undefined, gnocchi }));
    expect(stored.query).toBe(searchText);
    expect(gnocchi.trials[0]?.query).toEqual({ '=': { server_group: 'x' } });
  });

  it.each(['not json', '', '[1, 2]', '5', 'null'])('refuses the query %j, with or without Gnocchi', async (query) => {
    const rule = byResources.parseRule({ ...byResourcesRule, query });
    const message = `Invalid input for field/attribute rule/query. Value: '${query}'. `;
    await expectRejects(byResources.validateRule!(rule, ruleContext()), InvalidInputError, message);
    await expectRejects(byResources.validateRule!(rule, ruleContext({ gnocchi: fakeGnocchi() })), InvalidInputError, message);
  });

  it('checks the aggregation method before the query', async () => {
    const rule = byResources.parseRule({ ...byResourcesRule, query: 'nope', aggregation_method: 'avg' });
    await expectRejects(byResources.validateRule!(rule, ruleContext({ gnocchi: fakeGnocchi(['mean']) })), InvalidInputError, "aggregation_method should be in ['mean'] not avg");
  });
});
