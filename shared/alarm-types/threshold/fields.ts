import type { ObjectSpec } from '../../validation/fields.js';

/** The comparison operators of every threshold rule (Aodh's `operation_kind`). */
export const COMPARISON_OPERATORS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'] as const;

/** Fields shared by every threshold-like rule: what to compare the statistic with. */
export const comparisonFields = {
  comparison_operator: { type: 'enum', values: COMPARISON_OPERATORS, default: 'eq' },
  threshold: { type: 'float', mandatory: true },
} as const satisfies ObjectSpec;

/**
 * §2.1: the common fields of the three gnocchi types. The maxima arrived in Aodh 21.0.0
 * (§12); we follow HEAD.
 */
export const gnocchiThresholdFields = {
  ...comparisonFields,
  aggregation_method: { type: 'string', mandatory: true },
  evaluation_periods: { type: 'int', min: 1, max: 100, default: 1 },
  granularity: { type: 'int', min: 1, max: 31_536_000, default: 60 },
} as const satisfies ObjectSpec;
