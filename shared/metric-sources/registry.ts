import type { MetricSource, MetricSources } from '../ports/metric-source.js';
import { cloudwatchSource } from './cloudwatch/source.js';
import { gnocchiSource } from './gnocchi/source.js';
import type { CommonSourceSettings } from './plugin.js';
import { prometheusSource } from './prometheus/source.js';
import { staticSource } from './static/source.js';

/** Every source kind, keyed by its name (the key alarm types read by); adding a source means one entry here. */
export const metricSources = {
  prometheus: prometheusSource,
  gnocchi: gnocchiSource,
  cloudwatch: cloudwatchSource,
  static: staticSource,
} as const;

type SourcePlugin = (typeof metricSources)[keyof typeof metricSources];
type SettingsOf<P> = P extends { create(settings: infer S): unknown } ? S : never;
type Joined<U> = (U extends unknown ? (u: U) => void : never) extends (joined: infer J) => void ? J : never;

/**
 * Plain settings for the metric sources of a deployment: every source's own fields, joined. A
 * source whose settings are absent is not configured. `functions/runtime/wiring.ts` and
 * `infra/local/` build these from their environment; nothing here reads process.env.
 */
export type MetricSourceSettings = Joined<SettingsOf<SourcePlugin>> & CommonSourceSettings;

/** Every configured source, keyed by name as the evaluator's context expects. */
export function buildMetricSources(settings: MetricSourceSettings): MetricSources {
  const sources: Record<string, MetricSource<unknown, unknown>> = {};
  for (const plugin of Object.values(metricSources) as SourcePlugin[]) {
    const source = plugin.create(settings);
    if (source) sources[plugin.name] = source;
  }
  return sources;
}
