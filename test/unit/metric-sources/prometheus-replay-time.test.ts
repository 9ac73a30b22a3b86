import { describe, expect, it } from 'vitest';
import { evaluatePrometheusThreshold } from '../../../shared/alarm-types/prometheus/evaluate.js';
import { PrometheusHttpSource } from '../../../shared/metric-sources/prometheus/source.js';
import { context } from '../evaluation/fakes.js';

/** A Prometheus answering one sample, recording every URL asked. */
function recordingSource(): { source: PrometheusHttpSource; urls: URL[] } {
  const urls: URL[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    urls.push(new URL(String(input instanceof Request ? input.url : input)));
    const body = { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '90'] }] } };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { source: new PrometheusHttpSource({ baseUrl: 'http://prometheus.test', fetch: fetchFn }), urls };
}

const RULE = { query: 'max(latency)', threshold: 50, comparison_operator: 'gt' };
const NOW = new Date('2026-12-04T09:30:00Z');

describe('prometheus instant query time (back-tests only)', () => {
  it('live evaluation sends no time: Prometheus evaluates at its own now, exactly as Aodh', async () => {
    const { source, urls } = recordingSource();
    await evaluatePrometheusThreshold(RULE, context({ prometheus: source }, { now: NOW }));
    expect(urls[0]?.pathname).toBe('/api/v1/query');
    expect(urls[0]?.searchParams.has('time')).toBe(false);
  });

  it('a replayed step sends time=<step> in epoch seconds', async () => {
    const { source, urls } = recordingSource();
    const outcome = await evaluatePrometheusThreshold(RULE, context({ prometheus: source }, { now: NOW, replay: true }));
    expect(urls[0]?.searchParams.get('time')).toBe(String(NOW.getTime() / 1000));
    expect(outcome).toMatchObject({ kind: 'unequivocal', state: 'alarm' });
  });

  it('a range rule (evaluation_periods) keeps its own window ending at now, with no time parameter', async () => {
    const { source, urls } = recordingSource();
    await evaluatePrometheusThreshold({ ...RULE, evaluation_periods: 3 }, context({ prometheus: source }, { now: NOW, replay: true })).catch(() => undefined);
    expect(urls[0]?.pathname).toBe('/api/v1/query_range');
    expect(urls[0]?.searchParams.get('end')).toBe(String(NOW.getTime() / 1000));
    expect(urls[0]?.searchParams.has('time')).toBe(false);
  });
});
