/**
 * The form's values (all strings, as inputs hold them) and the alarm body they make. Threshold and comparison
 * operator get their own inputs (every threshold type has them); the rule's other fields are edited as JSON.
 */
import type { Alarm } from '../types.js';

export interface Draft {
  name: string;
  description: string;
  type: string;
  severity: string;
  threshold: string;
  comparison_operator: string;
  /** The rule's other fields, as a JSON object. */
  rule: string;
  /** One action URL a line. */
  alarm_actions: string;
  enabled: boolean;
}

/** Threshold alarm types the registry accepts (shared/alarm-types); composite and event have no threshold. */
export const ALARM_TYPES = ['prometheus', 'gnocchi_resources_threshold', 'gnocchi_aggregation_by_metrics_threshold', 'gnocchi_aggregation_by_resources_threshold', 'cloudwatch_threshold'];
export const SEVERITIES = ['low', 'moderate', 'critical'];
export const OPERATORS = ['lt', 'le', 'eq', 'ne', 'ge', 'gt'];

export const EMPTY_DRAFT: Draft = { name: '', description: '', type: 'prometheus', severity: 'low', threshold: '', comparison_operator: 'gt', rule: '{\n  "query": ""\n}', alarm_actions: '', enabled: true };

const ruleKey = (type: string) => `${type}_rule`;

export function draftOf(alarm: Alarm): Draft {
  const { threshold, comparison_operator, ...rest } = (alarm[ruleKey(alarm.type)] ?? {}) as Record<string, unknown>;
  return {
    name: alarm.name,
    description: alarm.description ?? '',
    type: alarm.type,
    severity: alarm.severity,
    threshold: threshold === undefined ? '' : String(threshold),
    comparison_operator: typeof comparison_operator === 'string' ? comparison_operator : '',
    rule: JSON.stringify(rest, null, 2),
    alarm_actions: ((alarm.alarm_actions as string[] | null | undefined) ?? []).join('\n'),
    enabled: alarm.enabled,
  };
}

export class DraftError extends Error {
  constructor(
    readonly field: 'rule',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body to POST (no base) or PUT (base: the alarm as read, so attributes the form does not show are kept; its
 * other `<type>_rule` keys are dropped, as a changed type would otherwise send two rules). A threshold that is not
 * a number is sent as typed, so the API's own message about it is what the user sees.
 */
export function bodyOf(draft: Draft, base?: Alarm): Record<string, unknown> {
  let rule: unknown;
  try {
    rule = JSON.parse(draft.rule || '{}');
  } catch (error) {
    throw new DraftError('rule', `The rule is not valid JSON: ${(error as Error).message}`);
  }
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new DraftError('rule', 'The rule must be a JSON object');
  const kept = Object.fromEntries(Object.entries(base ?? {}).filter(([key]) => !key.endsWith('_rule') && key !== 'description'));
  const threshold = draft.threshold.trim();
  const number = Number(threshold);
  return {
    ...kept,
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    type: draft.type,
    severity: draft.severity,
    enabled: draft.enabled,
    alarm_actions: draft.alarm_actions.split('\n').map((line) => line.trim()).filter(Boolean),
    [ruleKey(draft.type)]: {
      ...rule,
      ...(threshold ? { threshold: threshold !== '' && Number.isFinite(number) ? number : threshold } : {}),
      ...(draft.comparison_operator ? { comparison_operator: draft.comparison_operator } : {}),
    },
  };
}
