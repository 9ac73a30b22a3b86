/**
 * EventBridge event-pattern matching for the local event bus, so `npm start` routes exactly
 * what the CDK rule routes. Semantics follow the EventBridge user guide ("Event patterns",
 * "Content filtering"):
 * - a pattern is an object; every key must match (AND); a key's array lists alternatives (OR);
 * - a nested object descends into the event; `$or` lists alternative sub-patterns;
 * - the event is read as leaf values per path: an array contributes each element, an object or
 *   an empty array contributes none, so a path holding only those is "absent" (EventBridge
 *   flattens events the same way, which is why `exists` only sees leaves);
 * - a leaf condition matches if ANY of the path's values satisfies it.
 * Operators: exact values (string, number, boolean, null), `prefix`,
 * `suffix`, `equals-ignore-case`, `wildcard`, `anything-but` (value, list, or
 * `{prefix|suffix|equals-ignore-case}`), `exists`, `numeric`. Anything else (`cidr`…) throws,
 * so a rule the local bus cannot honour fails at start instead of silently never matching.
 * Known gap: numbers are compared as parsed JSON numbers, so `300` and `300.0` are equal here
 * while Ruler compares exact matches on their JSON text.
 */

type Leaf = string | number | boolean | null;
type Condition = (value: Leaf) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(path: string, why: string): never {
  throw new Error(`Invalid event pattern at ${path || '<root>'}: ${why}`);
}

/** The leaf values an event holds at one key (see the module comment). */
function leavesOf(value: unknown): Leaf[] {
  if (value === undefined || isRecord(value)) return [];
  if (Array.isArray(value)) return value.flatMap((element) => (Array.isArray(element) ? leavesOf(element) : isRecord(element) ? [] : [element as Leaf]));
  return [value as Leaf];
}

const stringTest = (path: string, operand: unknown, test: (value: string, operand: string) => boolean): Condition => {
  if (typeof operand !== 'string') invalid(path, 'expects a string');
  return (value) => typeof value === 'string' && test(value, operand);
};

/** `*` is any run of characters; `\*` and `\\` are a literal star and backslash; `**` is refused, as Ruler does. */
function wildcardTest(path: string, pattern: string): (value: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      if (pattern[i + 1] === '*') invalid(path, 'wildcard does not allow consecutive *');
      source += '.*';
    } else if (char === '\\') {
      const next = pattern[++i];
      if (next !== '*' && next !== '\\') invalid(path, 'wildcard escapes only * and \\');
      source += `\\${next}`;
    } else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}

const NUMERIC_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

function numericCondition(path: string, operand: unknown): Condition {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) invalid(path, 'numeric expects [operator, number, …] pairs');
  const checks: Array<(value: number) => boolean> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const compare = NUMERIC_OPERATORS[String(operand[i])];
    const bound: unknown = operand[i + 1];
    if (!compare || typeof bound !== 'number') invalid(path, `bad numeric comparison ${JSON.stringify([operand[i], bound])}`);
    checks.push((value) => compare(value, bound));
  }
  return (value) => typeof value === 'number' && checks.every((check) => check(value));
}

/** `anything-but`'s operand: excluded values, or an excluded prefix/suffix/case-insensitive value. */
function anythingBut(path: string, operand: unknown): Condition {
  if (isRecord(operand)) {
    const [[name, inner] = ['', undefined], ...rest] = Object.entries(operand);
    if (rest.length > 0) invalid(path, 'anything-but takes one operator');
    if (!['prefix', 'suffix', 'equals-ignore-case'].includes(name)) invalid(path, `anything-but does not take ${JSON.stringify(name)}`);
    const excluded = operatorCondition(path, name, inner);
    return (value) => !excluded(value);
  }
  const values = Array.isArray(operand) ? operand : [operand];
  // EventBridge takes a list of only strings or only numbers.
  if (values.length === 0 || !(values.every((v) => typeof v === 'string') || values.every((v) => typeof v === 'number'))) invalid(path, 'anything-but expects strings or numbers, not both');
  return (value) => !values.some((excluded) => excluded === value);
}

function operatorCondition(path: string, name: string, operand: unknown): Condition {
  switch (name) {
    case 'prefix':
      return stringTest(path, operand, (value, prefix) => value.startsWith(prefix));
    case 'suffix':
      return stringTest(path, operand, (value, suffix) => value.endsWith(suffix));
    case 'equals-ignore-case':
      return stringTest(path, operand, (value, other) => value.toLowerCase() === other.toLowerCase());
    case 'wildcard': {
      if (typeof operand !== 'string') invalid(path, 'wildcard expects a string');
      const test = wildcardTest(path, operand);
      return (value) => typeof value === 'string' && test(value);
    }
    case 'anything-but':
      return anythingBut(path, operand);
    case 'numeric':
      return numericCondition(path, operand);
    default:
      return invalid(path, `unsupported operator ${JSON.stringify(name)}`);
  }
}

/** Compiles the leaf array `alternatives` at `path` into a test of the event's value there. */
function compileLeaf(path: string, alternatives: readonly unknown[]): (value: unknown) => boolean {
  if (alternatives.length === 0) invalid(path, 'an empty array matches nothing and EventBridge rejects it');
  const tests = alternatives.map((alternative): ((leaves: Leaf[]) => boolean) => {
    if (!isRecord(alternative)) {
      if (alternative !== null && !['string', 'number', 'boolean'].includes(typeof alternative)) invalid(path, `cannot match ${JSON.stringify(alternative)}`);
      return (leaves) => leaves.includes(alternative as Leaf);
    }
    const entries = Object.entries(alternative);
    const [name, operand] = entries[0] ?? invalid(path, 'an empty object is not a condition');
    if (entries.length > 1) invalid(path, 'a condition object takes one operator');
    if (name === 'exists') {
      if (typeof operand !== 'boolean') invalid(path, 'exists expects true or false');
      return (leaves) => operand === leaves.length > 0;
    }
    const condition = operatorCondition(path, name, operand);
    return (leaves) => leaves.some(condition);
  });
  return (value) => {
    const leaves = leavesOf(value);
    return tests.some((test) => test(leaves));
  };
}

function compileObject(path: string, pattern: Record<string, unknown>): (event: unknown) => boolean {
  const tests = Object.entries(pattern).map(([key, sub]): ((event: unknown) => boolean) => {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length < 2 || !sub.every(isRecord)) invalid(at, '$or expects at least two patterns');
      const alternatives = sub.map((alternative) => compileObject(path, alternative));
      return (event) => alternatives.some((alternative) => alternative(event));
    }
    if (Array.isArray(sub)) {
      const test = compileLeaf(at, sub);
      return (event) => test(isRecord(event) ? event[key] : undefined);
    }
    if (!isRecord(sub)) return invalid(at, 'values must be arrays or objects');
    const nested = compileObject(at, sub);
    return (event) => {
      const value = isRecord(event) ? event[key] : undefined;
      // Over an array (of arrays…) of objects, one object must match the whole nested pattern:
      // Ruler's array-consistent matching. An array without objects holds nothing there.
      const elements = Array.isArray(value) ? value.flat(Infinity).filter(isRecord) : [];
      if (elements.length > 0) return elements.some((element) => nested(element));
      return nested(isRecord(value) ? value : undefined);
    };
  });
  return (event) => tests.every((test) => test(event));
}

/** Validates `pattern` once and returns its matcher; throws on a pattern the bus cannot honour. */
export function compilePattern(pattern: object): (event: unknown) => boolean {
  if (!isRecord(pattern)) return invalid('', 'a pattern is a JSON object');
  return compileObject('', pattern);
}

/** Whether `event` (an EventBridge envelope) matches the EventBridge `pattern`. Throws on a malformed pattern. */
export function matchesPattern(pattern: object, event: unknown): boolean {
  return compilePattern(pattern)(event);
}
