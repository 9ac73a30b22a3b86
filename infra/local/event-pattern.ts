/**
 * The EventBridge pattern subset the local bus honours: exactly what the listener's rule
 * (shared/listener/rule-pattern.ts) needs, with EventBridge's semantics for it. A pattern is
 * an object of top-level envelope fields that hold strings (`source`, `detail-type`, `account`,
 * `region`); each lists alternatives (OR), all fields must match (AND), and an alternative is
 * an exact string or `{ "anything-but": string | string[] }`. Anything else (nested fields,
 * `prefix`, `numeric`, `cidr`…) throws when the bus starts, so a rule the local bus cannot
 * honour is never silently different from the deployed one.
 */
type StringTest = (value: string) => boolean;

const STRING_FIELDS = new Set(['source', 'detail-type', 'account', 'region']);

function invalid(path: string, why: string): never {
  throw new Error(`Invalid event pattern at ${path || '<root>'}: ${why}`);
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');

function alternative(path: string, condition: unknown): StringTest {
  if (typeof condition === 'string') return (value) => value === condition;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return invalid(path, `cannot match ${JSON.stringify(condition)}`);
  const entries = Object.entries(condition);
  const [name, operand] = entries[0] ?? invalid(path, 'an empty object is not a condition');
  if (entries.length > 1) invalid(path, 'a condition object takes one operator');
  if (name !== 'anything-but') return invalid(path, `unsupported operator ${JSON.stringify(name)}`);
  const excluded = typeof operand === 'string' ? [operand] : operand;
  if (!isStringList(excluded)) return invalid(path, 'anything-but expects a string or a list of strings');
  return (value) => !excluded.includes(value);
}

/** Validates `pattern` once and returns its matcher; throws on a pattern the bus cannot honour. */
export function compilePattern(pattern: object): (event: unknown) => boolean {
  if (Array.isArray(pattern)) return invalid('', 'a pattern is a JSON object');
  const fields = Object.entries(pattern).map(([field, alternatives]): [string, StringTest[]] => {
    if (!STRING_FIELDS.has(field)) invalid(field, `only ${[...STRING_FIELDS].join(', ')} are supported locally`);
    if (!Array.isArray(alternatives) || alternatives.length === 0) invalid(field, 'values must be non-empty arrays');
    return [field, alternatives.map((condition) => alternative(field, condition))];
  });
  return (event) => {
    const envelope = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    return fields.every(([field, tests]) => {
      const value = envelope[field];
      return typeof value === 'string' && tests.some((test) => test(value));
    });
  };
}
