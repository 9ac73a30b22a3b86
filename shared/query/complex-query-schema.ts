import { Ajv, type ValidateFunction } from 'ajv';

/**
 * The JSON schemas of Aodh's complex query (ValidatedComplexQuery in
 * aodh/api/controllers/v2/query.py), rebuilt key for key and in the same key order: the
 * 400 messages quote their regexes, and the order decides which error Python's jsonschema
 * reports first.
 */
export type QueryTarget = 'alarm' | 'history';

/** Column names of Aodh's storage models, in model order (the order the schema regex lists them). */
export const ALARM_QUERY_FIELDS = [
  'alarm_id', 'type', 'enabled', 'name', 'description', 'timestamp', 'user_id', 'project_id', 'state',
  'state_timestamp', 'state_reason', 'ok_actions', 'alarm_actions', 'insufficient_data_actions',
  'repeat_actions', 'rule', 'time_constraints', 'severity', 'evaluate_timestamp',
] as const;
export const HISTORY_QUERY_FIELDS = [
  'event_id', 'alarm_id', 'type', 'detail', 'user_id', 'project_id', 'on_behalf_of', 'severity', 'timestamp',
] as const;
export const FIELD_ALIASES: Readonly<Record<string, string>> = { user: 'user_id', project: 'project_id' };

/** The column a (schema-valid) field name denotes once aliases are resolved. */
export function canonicalField(name: string): string {
  return Object.hasOwn(FIELD_ALIASES, name) ? (FIELD_ALIASES[name] ?? name) : name;
}

export const SIMPLE_OPERATORS = ['=', '!=', '<', '>', '<=', '=<', '>=', '=>', '=~'] as const;
export const LOGICAL_OPERATORS = ['and', 'or'] as const;

/** The keyword subset these schemas use; key order is significant (see above). */
export interface Schema {
  readonly $ref?: string;
  readonly oneOf?: readonly Schema[];
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  readonly pattern?: string;
  readonly items?: Schema;
  readonly patternProperties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly minItems?: number;
  readonly definitions?: Readonly<Record<string, Schema>>;
}

/** Aodh's `_list_to_regexp`: `^a$|^b$`, optionally prefixed by `(?i)`. */
function listToRegexp(items: readonly string[], prefix = ''): string {
  return prefix + items.map((item) => `^${item}$`).join('|');
}

function singleKeyObject(patternProperties: Record<string, Schema>): Schema {
  return { type: 'object', patternProperties, additionalProperties: false, minProperties: 1, maxProperties: 1 };
}

export function fieldsOf(target: QueryTarget): readonly string[] {
  return target === 'alarm' ? ALARM_QUERY_FIELDS : HISTORY_QUERY_FIELDS;
}

export function filterSchema(target: QueryTarget): Schema {
  const fields = listToRegexp([...fieldsOf(target), ...Object.keys(FIELD_ALIASES)]);
  const value: Schema = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], minProperties: 1, maxProperties: 1 };
  const valueIn: Schema = { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] }, minItems: 1 };
  return {
    oneOf: [
      { $ref: '#/definitions/leaf_simple_ops' },
      { $ref: '#/definitions/leaf_in' },
      { $ref: '#/definitions/and_or' },
      { $ref: '#/definitions/not' },
    ],
    minProperties: 1,
    maxProperties: 1,
    definitions: {
      leaf_simple_ops: singleKeyObject({ [listToRegexp(SIMPLE_OPERATORS, '(?i)')]: singleKeyObject({ [fields]: value }) }),
      leaf_in: singleKeyObject({ '(?i)^in$': singleKeyObject({ [fields]: valueIn }) }),
      and_or: singleKeyObject({ [listToRegexp(LOGICAL_OPERATORS, '(?i)')]: { type: 'array', items: { $ref: '#' }, minItems: 2 } }),
      not: singleKeyObject({ '(?i)^not$': { $ref: '#' } }),
    },
  };
}

export function orderbySchema(target: QueryTarget): Schema {
  const fields = listToRegexp([...fieldsOf(target), ...Object.keys(FIELD_ALIASES)]);
  return {
    type: 'array',
    items: singleKeyObject({ [fields]: { type: 'string', pattern: listToRegexp(['asc', 'desc'], '(?i)') } }),
  };
}

/**
 * Python patterns → JS RegExp. Python's leading `(?i)` applies to the whole pattern; JS has no
 * inline flags, so it becomes the `i` flag. Search semantics (unanchored) are the same.
 */
export function pythonRegExp(pattern: string, flags = ''): RegExp {
  const caseless = pattern.startsWith('(?i)');
  return new RegExp(caseless ? pattern.slice(4) : pattern, caseless ? `${flags}i` : flags);
}

const ajv = new Ajv({
  // The schemas are Aodh's verbatim, including keywords strict mode would flag
  // (minProperties on a schema without "type": "object"); logger off: no console output.
  strict: false,
  logger: false,
  code: { regExp: Object.assign((pattern: string, u: string) => pythonRegExp(pattern, u), { code: 'pythonRegExp' }) },
});

export interface CompiledSchema {
  readonly schema: Schema;
  readonly validate: ValidateFunction;
}

const compiled = new Map<string, CompiledSchema>();

/** Compiles each (kind, target) schema once per process; Lambda containers reuse them. */
export function compiledSchema(kind: 'filter' | 'orderby', target: QueryTarget): CompiledSchema {
  const key = `${kind}:${target}`;
  let entry = compiled.get(key);
  if (!entry) {
    const schema = kind === 'filter' ? filterSchema(target) : orderbySchema(target);
    entry = { schema, validate: ajv.compile(schema) };
    compiled.set(key, entry);
  }
  return entry;
}
