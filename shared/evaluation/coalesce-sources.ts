import type { MetricSource, MetricSources } from '../ports/metric-source.js';

function memoize(source: MetricSource<unknown, unknown>): MetricSource<unknown, unknown> {
  const answers = new Map<string, Promise<unknown>>();
  return {
    read(query) {
      const key = JSON.stringify(query);
      let answer = answers.get(key);
      if (!answer) {
        answer = source.read(query);
        answers.set(key, answer);
        // A failure is not remembered: the next alarm asking gets a fresh attempt.
        answer.catch(() => answers.delete(key));
      }
      return answer;
    },
  };
}

/**
 * Sources for one evaluation cycle in which identical queries are asked once, per source
 * (the key is the source name and the query's JSON): several alarms commonly watch the same
 * series (different thresholds, severities, actions), and within one cycle they must see the
 * same statistics anyway. Build one per cycle; it holds answers until it is dropped.
 */
export function coalesceSources(sources: MetricSources): MetricSources {
  return Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, memoize(source)]));
}
