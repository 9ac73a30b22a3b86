import type { ObjectSpec } from '../validation/fields.js';

/** The comparison operators of every threshold rule (Aodh's `operation_kind`). */
export const COMPARISON_OPERATORS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** What every threshold rule compares its statistics with (§3.3.5). */
export interface ComparisonRule {
  comparison_operator: ComparisonOperator;
  threshold: number;
}

/** The rule fields of every threshold-like type: what to compare the statistic with. */
export const comparisonFields = {
  comparison_operator: { type: 'enum', values: COMPARISON_OPERATORS, default: 'eq' },
  threshold: { type: 'float', mandatory: true },
} as const satisfies ObjectSpec;
