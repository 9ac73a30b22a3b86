import type { JsonObject } from '../../domain/alarm.js';
import { isJsonObject, type ObjectSpec } from '../../validation/fields.js';
import { parseRuleObject } from '../rule-object.js';
import { comparisonFields } from '../../evaluation/comparison.js';
import { checkSemantics, semanticsFields } from '../../evaluation/semantics/fields.js';

export const TYPE = 'cloudwatch_threshold';

/** CloudWatch's plain statistics; percentiles (`p0`..`p100`) go alongside. */
export const CLOUDWATCH_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
/** `pNN[.NNN]` between p0 and p100, the form CloudWatch accepts as an extended statistic. */
const PERCENTILE = /^p(?:\d{1,2}(?:\.\d{1,10})?|100(?:\.0{1,10})?)$/;

function checkStatistic(value: string): string | undefined {
  if ((CLOUDWATCH_STATISTICS as readonly string[]).includes(value) || PERCENTILE.test(value)) return undefined;
  return `Value should be one of: ${CLOUDWATCH_STATISTICS.join(', ')}, or a percentile between p0 and p100 (e.g. p99, p99.9)`;
}

/** CloudWatch serves 10 s and 30 s (high-resolution) periods, otherwise whole minutes. */
function checkPeriod(value: number): string | undefined {
  return value === 10 || value === 30 || value % 60 === 0 ? undefined : 'Value should be 10, 30 or a multiple of 60';
}

function checkUniqueNames(dimensions: JsonObject[]): string | undefined {
  const names = dimensions.map((d) => d.name);
  return new Set(names).size === names.length ? undefined : 'Dimension names must be unique';
}

/**
 * An AWS-native threshold rule shaped like the gnocchi ones: one CloudWatch metric
 * (namespace, name, dimensions), a statistic over `period` seconds, compared with
 * `threshold` over `evaluation_periods` periods. Limits are CloudWatch's own.
 */
export const cloudwatchThresholdFields = {
  namespace: { type: 'string', mandatory: true, minLength: 1, maxLength: 255 },
  metric_name: { type: 'string', mandatory: true, minLength: 1, maxLength: 255 },
  dimensions: {
    type: 'object[]',
    fields: {
      name: { type: 'string', mandatory: true, minLength: 1, maxLength: 255 },
      value: { type: 'string', mandatory: true, minLength: 1, maxLength: 1024 },
    },
    default: [],
    maxItems: 30,
    check: checkUniqueNames,
  },
  statistic: { type: 'string', default: 'Average', check: checkStatistic },
  period: { type: 'int', min: 10, max: 86_400, default: 60, check: checkPeriod },
  evaluation_periods: { type: 'int', min: 1, max: 100, default: 1 },
  ...comparisonFields,
  ...semanticsFields,
} as const satisfies ObjectSpec;

/** A client-sent `scope_to_project` is dropped, never trusted: validateRule sets it (see prometheus' rule). */
export function parseCloudwatchThresholdRule(input: unknown): JsonObject {
  if (isJsonObject(input) && Object.hasOwn(input, 'scope_to_project')) {
    const { scope_to_project: _dropped, ...rest } = input;
    return checkSemantics(parseRuleObject(TYPE, rest, cloudwatchThresholdFields));
  }
  return checkSemantics(parseRuleObject(TYPE, input, cloudwatchThresholdFields));
}
