import type { Node } from 'constructs';
import type { Check, Setting, ValueOf } from '../shared/settings/setting.js';

export type { Check };
export { isOrigin, isUrl } from '../shared/setting-rows/checks.js';

/** Collects every problem so one synth run reports them all, each naming its context key. */
export class ContextReader {
  readonly problems: string[] = [];
  constructor(private readonly node: Node) {}

  private raw(key: string): unknown {
    const value: unknown = this.node.tryGetContext(key);
    // `-c key=` (empty) means "unset" rather than an empty string setting.
    return typeof value === 'string' && value.trim() === '' ? undefined : value;
  }

  private fail(key: string, expected: string, value: unknown): undefined {
    this.problems.push(`context key '${key}' must be ${expected}, got ${JSON.stringify(value)}`);
    return undefined;
  }

  optionalString(key: string, check?: Check<string>): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.fail(key, check?.expected ?? 'a string', value);
    const text = value.trim();
    return check && !check.valid(text) ? this.fail(key, check.expected, value) : text;
  }

  string(key: string, fallback: string, check?: Check<string>): string {
    return this.optionalString(key, check) ?? fallback;
  }

  oneOf<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const value = this.string(key, fallback);
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.fail(key, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
    return fallback;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text === 'true') return true;
    if (text === 'false') return false;
    this.fail(key, 'true or false', value);
    return fallback;
  }

  integer(key: string, fallback: number, check?: Check<number>): number {
    const value = this.raw(key);
    if (value === undefined || value === null) return fallback;
    const parsed = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    const expected = check?.expected ?? 'an integer';
    if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) return this.fail(key, expected, value) ?? fallback;
    return check && !check.valid(parsed) ? (this.fail(key, expected, value) ?? fallback) : parsed;
  }

  /**
   * The context value of a settings-table row (key = the row's key), read by its kind with
   * its check; `check` replaces the row's when the check needs CDK itself.
   */
  setting<S extends Setting & { key: string }>(row: S, check?: Check<never>): ValueOf<S> {
    if (!row.context) throw new Error(`setting ${row.key} has no context key`);
    const rowCheck = row.context === true ? undefined : row.context.check;
    const chosen = (check ?? rowCheck) as Check<unknown> | undefined;
    return this.byKind(row, chosen) as ValueOf<S>;
  }

  private byKind(row: Setting & { key: string }, check: Check<unknown> | undefined): unknown {
    switch (row.kind) {
      case 'text':
        return row.default === undefined ? this.optionalString(row.key, check) : this.string(row.key, row.default, check);
      case 'integer':
        return this.integer(row.key, row.default, check);
      case 'flag':
        return this.boolean(row.key, row.default);
      // Listed alphabetically, as synth messages always have.
      case 'choice':
        return this.oneOf(row.key, [...row.choices].sort(), row.default);
      case 'list':
        return this.stringList(row.key, check);
      case 'port':
        return this.integer(row.key, row.default ?? 0, check);
    }
  }

  /** A JSON array, or (as `-c` gives) a JSON-array string or a comma-separated string. */
  stringList(key: string, check?: Check<string>): string[] {
    let value = this.raw(key);
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') {
      const text = value.trim();
      try {
        value = text.startsWith('[') ? (JSON.parse(text) as unknown) : text.split(',');
      } catch {
        return this.fail(key, 'a JSON array of strings or a comma-separated list', value) ?? [];
      }
    }
    if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
      return this.fail(key, 'a list of strings', value) ?? [];
    }
    const items = value.map((item) => item.trim()).filter(Boolean);
    const bad = check ? items.filter((item) => !check.valid(item)) : [];
    return bad.length > 0 ? (this.fail(key, check?.expected ?? '', bad) ?? []) : items;
  }
}
