import type { JsonObject } from '../domain/alarm.js';
import { COMPARISON_OPERATORS, type ComparisonOperator, type ComparisonRule } from './comparison.js';

/**
 * Stored rules were normalised by the API, so a missing or mistyped field means a corrupt
 * row. Aodh would raise (KeyError/TypeError) and the per-alarm handler logs it and retries
 * next cycle; throwing a plain Error here has the same effect.
 */
function corrupt(key: string, rule: JsonObject): Error {
  return new TypeError(`stored rule field ${key} is missing or invalid: ${JSON.stringify(rule[key] ?? null)}`);
}

export function numberField(rule: JsonObject, key: string): number {
  const value = rule[key];
  if (typeof value !== 'number') throw corrupt(key, rule);
  return value;
}

export function stringField(rule: JsonObject, key: string): string {
  const value = rule[key];
  if (typeof value !== 'string') throw corrupt(key, rule);
  return value;
}

export function stringListField(rule: JsonObject, key: string): string[] {
  const value = rule[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw corrupt(key, rule);
  return value as string[];
}

export function comparisonOf(rule: JsonObject): ComparisonRule {
  const operator = rule.comparison_operator;
  if (!(COMPARISON_OPERATORS as readonly unknown[]).includes(operator)) throw corrupt('comparison_operator', rule);
  return { comparison_operator: operator as ComparisonOperator, threshold: numberField(rule, 'threshold') };
}
