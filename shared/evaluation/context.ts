import type { MetricSources } from '../ports/metric-source.js';

export interface EvaluationContext {
  now: Date;
  sources: MetricSources;
  /** `[DEFAULT] additional_ingestion_lag` seconds, added to the gnocchi query window (§3.3.1). */
  additionalIngestionLag: number;
  /**
   * A back-test replaying a past cycle: sources that would otherwise read "their own now"
   * (a Prometheus instant query) must be asked at `now`. Absent in the evaluator: live reads unchanged.
   */
  replay?: boolean;
}

/**
 * The classified statistics of one threshold rule (§3.3.3–§3.3.5), before the transition
 * table (§3.3.6) is applied. Composite alarms combine these per leaf (§3.5).
 */
export type ThresholdOutcome =
  | {
      kind: 'insufficient';
      /** Aodh's reason text, verbatim (§3.3.3, §3.3.4). */
      reason: string;
      /** reason_data.count: evaluation_periods for gnocchi/cloudwatch, len(values) for prometheus. */
      count: number;
      mostRecent: number | null;
      /** The statistics seen (fewer than needed), oldest first; absent when none. Semantics fields count them. */
      seen?: number[];
    }
  | {
      /** unequivocal: every value (or none) breaches; trending: mixed, decided by the last value. */
      kind: 'unequivocal' | 'trending';
      state: 'ok' | 'alarm';
      values: number[];
      outsideCount: number;
    };
