import type { JsonObject } from '../../domain/alarm.js';
import type { TreatMissingData } from './fields.js';
import { TREAT_MISSING_DATA } from './fields.js';

/** The stored semantics of one rule, defaults applied (M = N; clearing needs as many as alarming). */
export interface Semantics {
  /** N: the points looked at. */
  periods: number;
  /** M: breaching points (of N) that make an alarm. */
  toAlarm: number;
  /** Clearing points (of N) that make ok. */
  toOk: number;
  missing: TreatMissingData;
  okThreshold?: number;
  /** Seconds the alarm condition must hold before moving to alarm (0: at once). */
  pendingPeriod: number;
  /** Seconds the clearing condition must hold before moving from alarm back to ok (0: at once). */
  recoveryPeriod: number;
}

const KEYS = ['datapoints_to_alarm', 'datapoints_to_ok', 'treat_missing_data', 'ok_threshold', 'pending_period', 'recovery_period'] as const;

/** Whether the rule uses any field beyond Aodh's; without one the Aodh path runs unchanged. */
export function hasSemantics(rule: JsonObject): boolean {
  return KEYS.some((key) => rule[key] !== undefined && rule[key] !== null);
}

function intOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}

/** `undefined` when none is set. Values were validated by the API; out-of-range ones are clamped to N. */
export function readSemantics(rule: JsonObject, periods: number): Semantics | undefined {
  if (!hasSemantics(rule)) return undefined;
  const toAlarm = Math.min(intOr(rule.datapoints_to_alarm, periods), periods);
  const toOk = Math.min(intOr(rule.datapoints_to_ok, toAlarm), periods);
  const treat = rule.treat_missing_data;
  const missing = (TREAT_MISSING_DATA as readonly unknown[]).includes(treat) ? (treat as TreatMissingData) : 'missing';
  const okThreshold = typeof rule.ok_threshold === 'number' ? rule.ok_threshold : undefined;
  const seconds = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 0);
  return {
    periods,
    toAlarm,
    toOk,
    missing,
    ...(okThreshold !== undefined ? { okThreshold } : {}),
    pendingPeriod: seconds(rule.pending_period),
    recoveryPeriod: seconds(rule.recovery_period),
  };
}
