import { comparisonFields } from '../../evaluation/comparison.js';
import type { ObjectSpec } from '../../validation/fields.js';
import { semanticsFields } from '../../evaluation/semantics/fields.js';

/**
 * §2.1: the common fields of the three gnocchi types. The maxima arrived in Aodh 21.0.0
 * (§12); we follow HEAD.
 */
export const gnocchiThresholdFields = {
  ...comparisonFields,
  ...semanticsFields,
  aggregation_method: { type: 'string', mandatory: true },
  evaluation_periods: { type: 'int', min: 1, max: 100, default: 1 },
  granularity: { type: 'int', min: 1, max: 31_536_000, default: 60 },
} as const satisfies ObjectSpec;
