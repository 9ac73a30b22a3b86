import type { AlarmState } from '../domain/alarm.js';

/**
 * Aodh's evaluation counters (`alarm_counter`, §3.3.6, §6.15): per alarm and state, how
 * often the evaluator reached an unequivocal or insufficient result. Kept only when
 * `enable_evaluation_results_metrics` is on. One DynamoDB adapter and one memory adapter,
 * both held to test/integration/contracts/evaluation-counters.contract.ts.
 *
 * Contract:
 * - a counter runs 1 … MAX_COUNTER_VALUE and then starts again at 1 (never above the maximum);
 * - concurrent increments are never lost;
 * - a counter follows its alarm's current project (the last increment's `projectId`);
 * - `list` yields every state, 0 where nothing was counted;
 * - after `deleteFor`, increments of that alarm are dropped: an evaluator that loaded the alarm
 *   before its delete never re-creates its counters (alarm ids are never reused).
 */
export interface EvaluationCounters {
  /** Adds one per entry. All entries are attempted; rejects afterwards if any update failed. */
  increment(entries: readonly CounterIncrement[]): Promise<void>;
  /** One project's counters (an index Query), or every project's when `projectId` is undefined. */
  list(scope: { projectId?: string }): AsyncIterable<AlarmCounters>;
  /** Removes an alarm's counters for good (the cascade of Aodh's alarm delete); idempotent. */
  deleteFor(alarmId: string): Promise<void>;
}

export interface CounterIncrement {
  alarmId: string;
  projectId: string;
  state: AlarmState;
}

/** `GET /v2/metrics`' element, in its wire shape. */
export interface AlarmCounters {
  alarm_id: string;
  project_id: string;
  state_counters: Record<AlarmState, number>;
}

/** Aodh's wrap-around point. */
export const MAX_COUNTER_VALUE = 2_000_000_000;

/** A counter after adding to it: past the maximum it continues from 1 (MAX + 1 → 1). */
export function wrapCounter(value: number): number {
  return value > MAX_COUNTER_VALUE ? ((value - 1) % MAX_COUNTER_VALUE) + 1 : value;
}

/** Every state, in Aodh's response order (unknown, ok, alarm), 0 where nothing was counted. */
export function stateCounters(counted: Partial<Record<AlarmState, number>>): Record<AlarmState, number> {
  return { 'insufficient data': counted['insufficient data'] ?? 0, ok: counted.ok ?? 0, alarm: counted.alarm ?? 0 };
}
