import type { JsonObject } from '../../domain/alarm.js';
import { invalidInput } from '../../validation/errors.js';
import type { ObjectSpec } from '../../validation/fields.js';

/** CloudWatch's TreatMissingData, lower-cased; `missing` is Aodh's own behaviour. */
export const TREAT_MISSING_DATA = ['missing', 'breaching', 'not_breaching', 'ignore'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/**
 * Optional fields beyond Aodh, spread into every threshold rule's spec. None has a default:
 * a rule without them is stored exactly as Aodh stores it and evaluated exactly as Aodh does.
 */
export const semanticsFields = {
  datapoints_to_alarm: { type: 'int', min: 1, max: 100 },
  datapoints_to_ok: { type: 'int', min: 1, max: 100 },
  treat_missing_data: { type: 'enum', values: TREAT_MISSING_DATA },
  ok_threshold: { type: 'float' },
  pending_period: { type: 'int', min: 0, max: 86_400 },
  recovery_period: { type: 'int', min: 0, max: 86_400 },
} as const satisfies ObjectSpec;

/** The rule's N: its evaluation_periods, or 1 for an instant prometheus query (validation only). */
function periodsOf(rule: JsonObject): number {
  return typeof rule.evaluation_periods === 'number' ? rule.evaluation_periods : 1;
}

function checkOkThreshold(rule: JsonObject): void {
  const okThreshold = rule.ok_threshold;
  const threshold = rule.threshold;
  if (typeof okThreshold !== 'number' || typeof threshold !== 'number') return;
  const operator = rule.comparison_operator;
  if ((operator === 'gt' || operator === 'ge') && okThreshold > threshold) {
    throw invalidInput('ok_threshold', okThreshold, `Value should be at most threshold (${threshold}) for comparison_operator ${operator}`);
  }
  if ((operator === 'lt' || operator === 'le') && okThreshold < threshold) {
    throw invalidInput('ok_threshold', okThreshold, `Value should be at least threshold (${threshold}) for comparison_operator ${operator}`);
  }
  // eq/ne have no direction to clear in, so a second threshold means nothing there.
  if (operator === 'eq' || operator === 'ne') {
    throw invalidInput('ok_threshold', okThreshold, 'ok_threshold needs comparison_operator lt, le, ge or gt');
  }
}

/**
 * Checks across fields, after the spec parsed each one; returns the rule unchanged. Errors
 * name the field, in WSME's envelope, as a per-field check would.
 */
export function checkSemantics(rule: JsonObject): JsonObject {
  const periods = periodsOf(rule);
  for (const key of ['datapoints_to_alarm', 'datapoints_to_ok'] as const) {
    const value = rule[key];
    if (typeof value === 'number' && value > periods) {
      throw invalidInput(key, value, `Value should be at most evaluation_periods (${periods})`);
    }
  }
  checkOkThreshold(rule);
  return rule;
}

/**
 * pending_period and recovery_period count whole evaluation cycles, so they must be multiples
 * of the evaluation interval (API-side, where the interval is known; the evaluator itself
 * moves at the first cycle at least that long after the condition first held).
 */
export function checkPeriods(rule: JsonObject, evaluationInterval: number): JsonObject {
  for (const key of ['pending_period', 'recovery_period'] as const) {
    const value = rule[key];
    if (typeof value === 'number' && value % evaluationInterval !== 0) {
      throw invalidInput(key, value, `Value should be a multiple of the evaluation interval (${evaluationInterval} s)`);
    }
  }
  return rule;
}
