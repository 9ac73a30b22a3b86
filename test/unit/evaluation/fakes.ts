import type { Alarm, AlarmState, JsonObject } from '../../../shared/domain/alarm.js';
import type { EvaluationContext } from '../../../shared/evaluation/context.js';
import type { CloudWatchQuery, CloudWatchSource } from '../../../shared/metric-sources/cloudwatch/query.js';
import type { GnocchiPoint, GnocchiQuery, GnocchiSource } from '../../../shared/metric-sources/gnocchi/query.js';
import type { PrometheusQuery, PrometheusSource } from '../../../shared/metric-sources/prometheus/query.js';
import type { MetricSources } from '../../../shared/ports/metric-source.js';

/** What a fake answers: values, or an error to throw (e.g. InsufficientDataError). */
export type Answer<T> = T | Error;

function answer<T>(value: Answer<T> | undefined, fallback: T): T {
  if (value instanceof Error) throw value;
  return value ?? fallback;
}

/** In-memory Prometheus: answers by query text, records every request. */
export function fakePrometheus(answers: Record<string, Answer<number[]>>): PrometheusSource & { calls: PrometheusQuery[] } {
  const calls: PrometheusQuery[] = [];
  return {
    calls,
    async read(query) {
      calls.push(query);
      return answer(answers[query.query], []);
    },
  };
}

/** In-memory Gnocchi: answers by a key the test derives from the query, records every query. */
export function fakeGnocchi(
  respond: (query: GnocchiQuery) => Answer<GnocchiPoint[]> | undefined,
): GnocchiSource & { calls: GnocchiQuery[] } {
  const calls: GnocchiQuery[] = [];
  return {
    calls,
    async read(query) {
      calls.push(query);
      return answer(respond(query), []);
    },
  };
}

export function fakeCloudWatch(respond: (query: CloudWatchQuery) => Answer<number[]> | undefined): CloudWatchSource & { calls: CloudWatchQuery[] } {
  const calls: CloudWatchQuery[] = [];
  return {
    calls,
    async read(query) {
      calls.push(query);
      return answer(respond(query), []);
    },
  };
}

/** Points of one granularity, oldest first, as Gnocchi returns them. */
export function points(granularity: number, values: number[]): GnocchiPoint[] {
  return values.map((value, i) => [`2024-03-01T10:${String(i).padStart(2, '0')}:00+00:00`, granularity, value]);
}

export const NOW = new Date('2024-03-01T10:45:00Z');

export function context(sources: MetricSources, extra: Partial<EvaluationContext> = {}): EvaluationContext {
  return { now: NOW, sources, additionalIngestionLag: 0, ...extra };
}

export function alarm(type: string, rule: JsonObject, state: AlarmState = 'insufficient data', repeat = false, extra: Partial<Alarm> = {}): Alarm {
  return {
    alarm_id: 'a1',
    name: 'n',
    description: 'd',
    type,
    enabled: true,
    ok_actions: [],
    alarm_actions: [],
    insufficient_data_actions: [],
    repeat_actions: repeat,
    time_constraints: [],
    state,
    state_reason: '',
    severity: 'low',
    project_id: 'p',
    user_id: 'u',
    timestamp: '2024-03-01T00:00:00',
    state_timestamp: '2024-03-01T00:00:00',
    evaluate_timestamp: null,
    rule,
    version: 1,
    ...extra,
  };
}

/** Stored (normalised) rules of each type, as the API writes them. */
export const rules = {
  gnocchiResources: {
    comparison_operator: 'gt', threshold: 80, aggregation_method: 'mean', evaluation_periods: 3, granularity: 60,
    metric: 'cpu_util', resource_id: 'r-1', resource_type: 'instance',
  },
  gnocchiByMetrics: {
    comparison_operator: 'gt', threshold: 80, aggregation_method: 'rate:mean', evaluation_periods: 2, granularity: 300,
    metrics: ['m-1', 'm-2'],
  },
  gnocchiByResources: {
    comparison_operator: 'lt', threshold: 10, aggregation_method: 'max', evaluation_periods: 1, granularity: 60,
    metric: 'cpu', resource_type: 'instance', query: '{"and": [{"=": {"created_by_project_id": "p"}}, {"=": {"server_group": "g"}}]}',
  },
  prometheus: { comparison_operator: 'gt', threshold: 80, query: 'cpu', scope_to_project: 'p' },
  cloudwatch: {
    namespace: 'AWS/EC2', metric_name: 'CPUUtilization', dimensions: [{ name: 'InstanceId', value: 'i-1' }],
    statistic: 'Average', period: 300, evaluation_periods: 2, comparison_operator: 'ge', threshold: 90,
  },
} satisfies Record<string, JsonObject>;
