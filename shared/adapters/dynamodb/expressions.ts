import type { Item } from './alarm-item.js';

/** One condition with its own placeholders; placeholders carry a per-expression prefix so parts can be ANDed. */
export interface Expression {
  expression?: string;
  names: Record<string, string>;
  values: Item;
}

/** Equality on each given attribute; every name is aliased because `name`, `state`, `type`... are reserved words. */
export function equality(attributes: Record<string, Item[string]> | undefined, prefix: string): Expression {
  const names: Record<string, string> = {};
  const values: Item = {};
  const terms: string[] = [];
  Object.entries(attributes ?? {}).forEach(([attribute, value], index) => {
    if (value === undefined) return;
    names[`#${prefix}${index}`] = attribute;
    values[`:${prefix}${index}`] = value;
    terms.push(`#${prefix}${index} = :${prefix}${index}`);
  });
  return { expression: terms.length ? terms.join(' AND ') : undefined, names, values };
}

/** Rows past `expires_at` linger until DynamoDB's TTL sweep (up to days later); hide them at read time. */
export function unexpired(now: Date): Expression {
  return {
    expression: 'attribute_not_exists(#exp) OR #exp > :now',
    names: { '#exp': 'expires_at' },
    values: { ':now': Math.floor(now.getTime() / 1000) },
  };
}

interface ExpressionParams {
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

/** Request fragments for a key condition (Query) or none (Scan) and filters ANDed; empty maps are omitted (DynamoDB rejects them). */
export function expressionParams(key: Expression | undefined, ...filters: Expression[]): ExpressionParams {
  const used = filters.filter((part) => part.expression);
  const all = key ? [key, ...used] : used;
  const names = Object.assign({}, ...all.map((part) => part.names)) as Record<string, string>;
  const values = Object.assign({}, ...all.map((part) => part.values)) as Item;
  const params: ExpressionParams = {};
  if (key) params.KeyConditionExpression = key.expression;
  if (used.length) params.FilterExpression = used.map((part) => `(${part.expression})`).join(' AND ');
  if (Object.keys(names).length) params.ExpressionAttributeNames = names;
  if (Object.keys(values).length) params.ExpressionAttributeValues = values;
  return params;
}
