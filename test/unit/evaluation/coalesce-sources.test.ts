import { describe, expect, it } from 'vitest';
import { coalesceSources } from '../../../shared/evaluation/coalesce-sources.js';
import { sourceFor } from '../../../shared/evaluation/read-source.js';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';
import { PROMETHEUS, type PrometheusSource } from '../../../shared/metric-sources/prometheus/query.js';
import { metricSourceName, type MetricSource } from '../../../shared/ports/metric-source.js';

describe('coalesceSources', () => {
  it('asks an identical query once per cycle, and each distinct query once', async () => {
    const asked: string[] = [];
    const prometheus: PrometheusSource = { read: async ({ query }) => (asked.push(query), [asked.length]) };
    const sources = sourceFor(coalesceSources({ prometheus }), PROMETHEUS);
    const answers = await Promise.all(['a', 'b', 'a', 'a', 'b'].map((query) => sources.read({ query })));
    expect(asked).toEqual(['a', 'b']);
    expect(answers).toEqual([[1], [2], [1], [1], [2]]);
  });

  it('does not remember failures', async () => {
    let calls = 0;
    const prometheus: PrometheusSource = {
      read: async () => {
        calls++;
        if (calls === 1) throw new MetricSourceUnavailableError('down');
        return [5];
      },
    };
    const source = sourceFor(coalesceSources({ prometheus }), PROMETHEUS);
    await expect(source.read({ query: 'q' })).rejects.toBeInstanceOf(MetricSourceUnavailableError);
    await expect(source.read({ query: 'q' })).resolves.toEqual([5]);
    expect(calls).toBe(2);
  });

  it('coalesces any registered source by name, and the same query to two sources is asked of each', async () => {
    const asked: string[] = [];
    const recording = (name: string): MetricSource<unknown, string> => ({ read: async (query) => (asked.push(`${name}:${JSON.stringify(query)}`), name) });
    const sources = coalesceSources({ one: recording('one'), two: recording('two') });
    const one = sourceFor(sources, metricSourceName<{ id: number }, string>('one'));
    const two = sourceFor(sources, metricSourceName<{ id: number }, string>('two'));
    const answers = await Promise.all([one.read({ id: 1 }), two.read({ id: 1 }), one.read({ id: 1 }), two.read({ id: 2 })]);
    expect(answers).toEqual(['one', 'two', 'one', 'two']);
    expect(asked).toEqual(['one:{"id":1}', 'two:{"id":1}', 'two:{"id":2}']);
  });

  it('leaves unconfigured sources unconfigured', () => {
    expect(coalesceSources({})).toEqual({});
    expect(() => sourceFor(coalesceSources({}), PROMETHEUS)).toThrow(new MetricSourceUnavailableError('prometheus is not configured'));
  });
});
