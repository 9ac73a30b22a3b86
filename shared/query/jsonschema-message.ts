import type { Schema } from './complex-query-schema.js';
import { pythonRegExp } from './complex-query-schema.js';
import { pySorted } from '../python/builtins.js';
import { pyMemberRepr, pyRepr, pyStrRepr } from '../python/repr.js';

/**
 * The message Python's `jsonschema.validate` raises for an invalid instance, for the keyword
 * subset of our schemas. Aodh puts `str(error)` into the faultstring; we reproduce its first
 * line, which is `best_match(iter_errors(instance)).message` (jsonschema 4.21 or later, whose
 * relevance key prefers earlier siblings). Which error
 * wins depends on the whole error tree (the `relevance` key and the oneOf drill-down), so the
 * tree is rebuilt here; ajv stays the validator and this only runs once ajv has said no.
 */
type PathItem = string | number;

interface SchemaError {
  /** Rendered only for the error finally reported: reprs of big instances are not free. */
  readonly message: () => string;
  readonly path: readonly PathItem[];
  readonly validator: string;
  readonly context: readonly SchemaError[];
  /** jsonschema's `_matches_type()`: the instance has the "type" of the schema holding the keyword. */
  readonly matchesType: boolean;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python jsonschema types: a bool is not a number, a list is not an object. */
function isType(value: unknown, type: NonNullable<Schema['type']>): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

const regExps = new Map<string, RegExp>();

/** Python's re.search, with patterns compiled once (the schemas have a handful). */
function search(pattern: string, text: string): boolean {
  let regExp = regExps.get(pattern);
  if (!regExp) {
    regExp = pythonRegExp(pattern);
    regExps.set(pattern, regExp);
  }
  return regExp.test(text);
}

function resolve(root: Schema, ref: string): Schema {
  if (ref === '#') return root;
  const name = ref.replace('#/definitions/', '');
  return root.definitions?.[name] ?? {};
}

/** `reprOf` prints the instance (lazily: only failures need it); decoded members know if they were floats. */
function errorsFor(root: Schema, schema: Schema, instance: unknown, reprOf = (): string => pyRepr(instance)): SchemaError[] {
  const errors: SchemaError[] = [];
  const matchesType = schema.type !== undefined && isType(instance, schema.type);
  const fail = (validator: string, message: () => string, context: SchemaError[] = []): void => {
    errors.push({ message, path: [], validator, context, matchesType });
  };
  const descend = (value: unknown, sub: Schema, item: PathItem): void => {
    const container = typeof instance === 'object' && instance !== null ? instance : {};
    for (const error of errorsFor(root, sub, value, () => pyMemberRepr(container, item))) {
      errors.push({ ...error, path: [item, ...error.path] });
    }
  };
  // Keywords run in the schema's key order, as jsonschema iterates the schema dict.
  for (const keyword of Object.keys(schema)) {
    switch (keyword) {
      case '$ref':
        errors.push(...errorsFor(root, resolve(root, schema.$ref ?? '#'), instance, reprOf));
        break;
      case 'oneOf': {
        const all: SchemaError[] = [];
        const anyValid = (schema.oneOf ?? []).some((sub) => {
          const found = errorsFor(root, sub, instance, reprOf);
          all.push(...found);
          return found.length === 0;
        });
        if (!anyValid) fail('oneOf', () => `${reprOf()} is not valid under any of the given schemas`, all);
        break;
      }
      case 'type':
        if (schema.type && !isType(instance, schema.type)) {
          const type = schema.type;
          fail('type', () => `${reprOf()} is not of type ${pyStrRepr(type)}`);
        }
        break;
      case 'pattern':
        if (typeof instance === 'string' && !search(schema.pattern ?? '', instance)) {
          fail('pattern', () => `${reprOf()} does not match ${pyStrRepr(schema.pattern ?? '')}`);
        }
        break;
      case 'items':
        if (Array.isArray(instance) && schema.items) instance.forEach((item, index) => schema.items && descend(item, schema.items, index));
        break;
      case 'minItems':
        if (Array.isArray(instance) && instance.length < (schema.minItems ?? 0)) {
          fail('minItems', () => `${reprOf()} ${schema.minItems === 1 ? 'should be non-empty' : 'is too short'}`);
        }
        break;
      case 'patternProperties':
        if (isObject(instance)) {
          for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
            for (const [key, value] of Object.entries(instance)) if (search(pattern, key)) descend(value, sub, key);
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(instance) && schema.additionalProperties === false) {
          const patterns = Object.keys(schema.patternProperties ?? {});
          const extras = Object.keys(instance).filter((key) => !patterns.some((pattern) => search(pattern, key)));
          if (extras.length > 0) {
            const joined = pySorted(extras).map(pyStrRepr).join(', ');
            const regexes = pySorted(patterns).map(pyStrRepr).join(', ');
            fail('additionalProperties', () => `${joined} ${extras.length === 1 ? 'does' : 'do'} not match any of the regexes: ${regexes}`);
          }
        }
        break;
      case 'minProperties':
        if (isObject(instance) && Object.keys(instance).length < (schema.minProperties ?? 0)) {
          fail('minProperties', () => `${reprOf()} ${schema.minProperties === 1 ? 'should be non-empty' : 'does not have enough properties'}`);
        }
        break;
      case 'maxProperties':
        if (isObject(instance) && Object.keys(instance).length > (schema.maxProperties ?? Infinity)) {
          fail('maxProperties', () => `${reprOf()} ${schema.maxProperties === 0 ? 'is expected to be empty' : 'has too many properties'}`);
        }
        break;
      default:
        break;
    }
  }
  return errors;
}

const WEAK = new Set(['anyOf', 'oneOf']);

function comparePaths(a: readonly PathItem[], b: readonly PathItem[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const left = a[i] ?? '';
    const right = b[i] ?? '';
    if (left === right) continue;
    if (typeof left === 'number' && typeof right === 'number') return left - right;
    // Siblings in our schemas always have the same kind of step at a given depth.
    return pySorted([String(left), String(right)])[0] === String(left) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * jsonschema's `relevance` key (4.21+): (-len(path), path, validator not in weak,
 * validator in strong, not matches type). The path term makes earlier siblings win.
 */
function compare(a: SchemaError, b: SchemaError): number {
  const depth = b.path.length - a.path.length;
  if (depth !== 0) return depth;
  const path = comparePaths(a.path, b.path);
  if (path !== 0) return path;
  const weak = Number(!WEAK.has(a.validator)) - Number(!WEAK.has(b.validator));
  if (weak !== 0) return weak;
  return Number(!a.matchesType) - Number(!b.matchesType);
}

/**
 * `jsonschema.exceptions.best_match`: the most relevant top-level error (max, first wins),
 * then down through oneOf contexts to the least relevant — i.e. deepest — sub-error, stopping
 * when the two best candidates tie.
 */
export function bestMatchMessage(schema: Schema, instance: unknown, reprOf?: () => string): string | undefined {
  const errors = errorsFor(schema, schema, instance, reprOf);
  let best = errors.reduce<SchemaError | undefined>((top, error) => (top === undefined || compare(error, top) > 0 ? error : top), undefined);
  while (best && best.context.length > 0) {
    const [first, second] = [...best.context].sort(compare);
    if (!first || (second && compare(first, second) === 0)) break;
    best = first;
  }
  return best?.message();
}
