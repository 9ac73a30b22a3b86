import { MetricSourceUnavailableError } from '../errors.js';
import type { MetricSource, MetricSourceName, MetricSources } from '../ports/metric-source.js';

/**
 * The configured source `name` refers to, typed by it. The registry keys each source by the
 * name its plugin carries, which is what makes the cast sound. Not configured means
 * unavailable: the alarm keeps its state, as when the source is down.
 */
export function sourceFor<Query, Reading>(sources: MetricSources, name: MetricSourceName<Query, Reading>): MetricSource<Query, Reading> {
  const source = Object.hasOwn(sources, name.name) ? sources[name.name] : undefined;
  if (!source) throw new MetricSourceUnavailableError(`${name.name} is not configured`);
  return source as MetricSource<Query, Reading>;
}
