import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { CloudWatchMetricSource } from '../../../shared/metric-sources/cloudwatch/source.js';
import { GnocchiHttpSource } from '../../../shared/metric-sources/gnocchi/source.js';
import { PrometheusHttpSource } from '../../../shared/metric-sources/prometheus/source.js';
import { buildMetricSources, metricSources } from '../../../shared/metric-sources/registry.js';
import { StaticMetricSource } from '../../../shared/metric-sources/static/source.js';

describe('metric source registry', () => {
  it('keys every source plugin by its own name', () => {
    expect(Object.keys(metricSources).sort()).toEqual(['cloudwatch', 'gnocchi', 'prometheus', 'static']);
    for (const [key, plugin] of Object.entries(metricSources)) expect(plugin.name).toBe(key);
  });

  it('builds only the sources the settings configure', () => {
    expect(buildMetricSources({})).toEqual({});
    const sources = buildMetricSources({ prometheusUrl: 'http://prometheus:9090' });
    expect(Object.keys(sources)).toEqual(['prometheus']);
    expect(sources.prometheus).toBeInstanceOf(PrometheusHttpSource);
  });

  it('builds every source from plain settings', () => {
    const client = new CloudWatchClient({ region: 'eu-west-1' });
    const sources = buildMetricSources({
      prometheusUrl: 'http://p:9090', gnocchiUrl: 'http://g:8041', gnocchiAuthHeaders: { 'X-Auth-Token': 't' }, cloudwatch: { client }, staticDatapoints: { s: [1] }, timeoutMs: 5_000,
    });
    expect(Object.keys(sources).sort()).toEqual(['cloudwatch', 'gnocchi', 'prometheus', 'static']);
    expect(sources.prometheus).toBeInstanceOf(PrometheusHttpSource);
    expect(sources.gnocchi).toBeInstanceOf(GnocchiHttpSource);
    expect(sources.cloudwatch).toBeInstanceOf(CloudWatchMetricSource);
    expect(sources.static).toBeInstanceOf(StaticMetricSource);
    client.destroy();
  });

  it('rejects settings a source cannot work with', () => {
    expect(() => buildMetricSources({ prometheusUrl: 'http://p:9090', prometheusProjectLabel: 'not-a-label' })).toThrow(TypeError);
    expect(() => buildMetricSources({ cloudwatch: { client: new CloudWatchClient({ region: 'eu-west-1' }), maxQueriesPerCall: 501 } })).toThrow(RangeError);
    expect(() => buildMetricSources({ staticDatapoints: { s: ['1' as unknown as number] } })).toThrow(new TypeError('the static datapoints setting must map series s to a list of numbers'));
  });
});
