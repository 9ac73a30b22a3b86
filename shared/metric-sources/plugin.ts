import type { MetricSource, MetricSourceName } from '../ports/metric-source.js';

/** Settings every source may read. */
export interface CommonSourceSettings {
  /** Per request, for every HTTP source; default 10 s. */
  timeoutMs?: number;
}

/**
 * One metric source kind (as a notifier scheme or an alarm type): its registry name, the
 * query and reading types alarm types see, and how the deployment's settings build it.
 * `Settings` are the source's own fields; the registry's settings type is all of them joined.
 */
export interface MetricSourcePlugin<Query, Reading, Settings> extends MetricSourceName<Query, Reading> {
  /** The configured source, or undefined when the settings do not configure this one. */
  create(settings: Settings & CommonSourceSettings): MetricSource<Query, Reading> | undefined;
}
