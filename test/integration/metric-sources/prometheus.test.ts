import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';
import { InvalidQueryError } from '../../../shared/metric-sources/errors.js';
import { PrometheusHttpSource } from '../../../shared/metric-sources/prometheus/source.js';
import { poll, type PrometheusHarness, startPrometheus } from '../../support/prometheus.js';
import { metricSourceConformance } from './conformance.js';

describe('PrometheusHttpSource against a real prometheus', () => {
  let prometheus: PrometheusHarness;
  let source: PrometheusHttpSource;

  beforeAll(async () => {
    prometheus = await startPrometheus({
      gauges: [
        { name: 'cpu_util', labels: { host: 'a', project: 'p1' }, value: 90 },
        { name: 'cpu_util', labels: { host: 'b', project: 'p2' }, value: 10 },
        { name: 'cpu_util', labels: { host: 'c', project: 'p1' }, value: 50.5 },
        { name: 'odd_value', labels: { kind: 'nan' }, value: Number.NaN },
        { name: 'odd_value', labels: { kind: 'inf' }, value: Number.POSITIVE_INFINITY },
        { name: 'odd_value', labels: { kind: 'minus_inf' }, value: Number.NEGATIVE_INFINITY },
      ],
    });
    source = new PrometheusHttpSource({ baseUrl: prometheus.url });
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('returns the sample value of a single series as a float', async () => {
    expect(await source.read({ query: 'cpu_util{host="a"}' })).toEqual([90]);
  });

  it('returns the values of every series in the order Prometheus returns them', async () => {
    expect(await source.read({ query: 'sort(cpu_util)' })).toEqual([10, 50.5, 90]);
    expect(await source.read({ query: 'sort_desc(cpu_util)' })).toEqual([90, 50.5, 10]);
  });

  it('returns one value for a scalar result', async () => {
    expect(await source.read({ query: 'scalar(cpu_util{host="b"}) * 2' })).toEqual([20]);
  });

  it('parses NaN and infinities as Python float does', async () => {
    expect(await source.read({ query: 'odd_value{kind="nan"}' })).toEqual([Number.NaN]);
    expect(await source.read({ query: 'odd_value{kind="inf"}' })).toEqual([Number.POSITIVE_INFINITY]);
    expect(await source.read({ query: 'odd_value{kind="minus_inf"}' })).toEqual([Number.NEGATIVE_INFINITY]);
  });

  it('returns no values when no series matches', async () => {
    expect(await source.read({ query: 'metric_that_does_not_exist' })).toEqual([]);
  });

  it('sees a changed gauge after the next scrape', async () => {
    prometheus.exporter.set('cpu_util', { host: 'd', project: 'p3' }, 42);
    await poll(10_000, async () => (await source.read({ query: 'cpu_util{host="d"}' }))[0] === 42);
    prometheus.exporter.remove('cpu_util', { host: 'd', project: 'p3' });
    // A series that disappears from the exporter is marked stale at the next scrape.
    await poll(10_000, async () => (await source.read({ query: 'cpu_util{host="d"}' })).length === 0);
  });

  it('raises InvalidQueryError for a query Prometheus cannot parse', async () => {
    const error = await source.read({ query: 'cpu_util +' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect(error).toMatchObject({ source: 'prometheus', status: 400, message: expect.stringContaining('bad_data') });
  });

  it('raises InvalidQueryError for a query that fails while executing', async () => {
    const error = await source.read({ query: 'cpu_util * on(project) cpu_util' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect(error).toMatchObject({ status: 422, message: expect.stringContaining('execution') });
  });

  it('raises InvalidQueryError for a range-vector result, which has no single value per series', async () => {
    await expect(source.read({ query: 'cpu_util[1m]' })).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('scopes a query to the project: only that project’s series are returned', async () => {
    expect(await source.read({ query: 'sort(cpu_util)', scopeToProject: 'p1' })).toEqual([50.5, 90]);
    expect(await source.read({ query: 'sum(cpu_util)', scopeToProject: 'p2' })).toEqual([10]);
  });

  it('does not let a scoped query read another project by naming it', async () => {
    expect(await source.read({ query: 'sort(cpu_util{project="p2"})', scopeToProject: 'p1' })).toEqual([50.5, 90]);
    expect(await source.read({ query: 'cpu_util{project=~".+"} or cpu_util{project="p2"}', scopeToProject: 'nobody' })).toEqual([]);
  });

  it('uses the configured project label', async () => {
    const byHost = new PrometheusHttpSource({ baseUrl: prometheus.url, projectLabel: 'host' });
    expect(await byHost.read({ query: 'cpu_util', scopeToProject: 'b' })).toEqual([10]);
  });

  it('reports a stopped prometheus as unavailable', async () => {
    const stopped = await startPrometheus({ waitForFirstScrape: false });
    const stoppedSource = new PrometheusHttpSource({ baseUrl: stopped.url, timeoutMs: 1_000 });
    expect(await stoppedSource.read({ query: 'vector(1)' })).toEqual([1]);
    await stopped.stop();
    await expect(stoppedSource.read({ query: 'vector(1)' })).rejects.toBeInstanceOf(MetricSourceUnavailableError);
  });
});

metricSourceConformance('prometheus', (baseUrl, timeoutMs) => () => new PrometheusHttpSource({ baseUrl, timeoutMs }).read({ query: 'up' }));
