import type { CloudWatchTenancy } from '../../metric-sources/cloudwatch/query.js';
import type { AlarmTypeRegistry, GnocchiValidationApi } from '../../alarm-types/plugin.js';
import type { Clock } from '../../domain/time.js';
import type { NotifierRegistry } from '../../notifiers/plugin.js';
import type { AlarmStore } from '../../ports/alarm-store.js';
import type { EvaluationCounters } from '../../ports/evaluation-counters.js';
import type { MetricSources } from '../../ports/metric-source.js';

export interface AlarmApiSettings {
  /** ≤ 0 = unlimited. */
  alarmMaxActions: number;
  /** -1 = unlimited. */
  userAlarmQuota: number;
  projectAlarmQuota: number;
}

/** Everything the alarm use cases need, injected by the composition root. */
export interface AlarmServiceDeps {
  store: AlarmStore;
  alarmTypes: AlarmTypeRegistry;
  notifiers: NotifierRegistry;
  clock: Clock;
  newId: () => string;
  settings: AlarmApiSettings;
  gnocchi?: GnocchiValidationApi;
  cloudwatchTenancy?: CloudWatchTenancy;
  /** Seconds between evaluations; when known, pending_period/recovery_period must be multiples of it. */
  evaluationInterval?: number;
  /** Only with enable_evaluation_results_metrics: /v2/metrics reads them, alarm deletes cascade to them. */
  counters?: EvaluationCounters;
  /** The sources a back-test replays from (the evaluator's own); absent, a back-test answers 503. */
  metricSources?: MetricSources;
  /** `[DEFAULT] additional_ingestion_lag` (s), as the evaluator adds it; back-tests only. */
  additionalIngestionLag?: number;
}
