import type { MetricSources } from '../ports/metric-source.js';

function memoize<Q, R>(call: (query: Q) => Promise<R>): (query: Q) => Promise<R> {
  const answers = new Map<string, Promise<R>>();
  return (query) => {
    const key = JSON.stringify(query);
    let answer = answers.get(key);
    if (!answer) {
      answer = call(query);
      answers.set(key, answer);
      // A failure is not remembered: the next alarm asking gets a fresh attempt.
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}

/**
 * Sources for one evaluation cycle in which identical queries are asked once: several
 * alarms commonly watch the same series (different thresholds, severities, actions),
 * and within one cycle they must see the same statistics anyway. Build one per cycle;
 * it holds answers until it is dropped.
 */
export function coalesceSources(sources: MetricSources): MetricSources {
  const { prometheus, gnocchi, cloudwatch } = sources;
  return {
    ...(prometheus ? { prometheus: { instantQuery: memoize((query) => prometheus.instantQuery(query)) } } : {}),
    ...(gnocchi ? { gnocchi: { measures: memoize((query) => gnocchi.measures(query)) } } : {}),
    ...(cloudwatch ? { cloudwatch: { metricData: memoize((query) => cloudwatch.metricData(query)) } } : {}),
  };
}
