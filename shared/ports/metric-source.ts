/**
 * A metric source (Aodh's Gnocchi / Prometheus clients; CloudWatch for AWS): reads the raw
 * statistics one rule asks for. Each source has its own query and reading types, declared in
 * its folder (shared/metric-sources/<name>/query.ts); classifying a reading against the
 * threshold is the alarm type's job.
 *
 * Outcomes besides a reading, each a typed error so that it passes unchanged through the
 * per-cycle coalescing and the CloudWatch batcher:
 * - InsufficientDataError: the source answered, and Aodh turns that answer into
 *   `insufficient data` with this exact reason (e.g. `metric cpu for resource r does not exists`).
 *   evaluation/read-source.ts turns it into an insufficient outcome.
 * - MetricSourceUnavailableError: the source could not be reached, answered 5xx/429, or is not
 *   configured. The alarm keeps its state and is retried next cycle (logged with alarm_id).
 * - InvalidQueryError: the source refused the query itself (logged, state unchanged).
 */
export interface MetricSource<Query, Reading> {
  read(query: Query): Promise<Reading>;
}

/**
 * How an alarm type names the source it reads: the registry key, carrying the source's query
 * and reading types so that the lookup is typed. Declared next to the query type, apart from
 * the implementation, so that the API's bundle does not pull in source clients.
 */
export interface MetricSourceName<Query, Reading> {
  readonly name: string;
  /** Type carriers only; never set. */
  readonly query?: Query;
  readonly reading?: Reading;
}

export function metricSourceName<Query, Reading>(name: string): MetricSourceName<Query, Reading> {
  return { name };
}

/** The metric sources configured for this deployment, by name; absent ones are not configured. */
export type MetricSources = Readonly<Record<string, MetricSource<unknown, unknown>>>;
