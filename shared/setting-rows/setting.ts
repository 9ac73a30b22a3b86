/**
 * What one setting is: its environment variable, kind, default, allowed values and doc,
 * and how its text is read. The rows themselves are in table.ts; the Lambda runtime,
 * the CDK constructs, `npm start` and the README generator all work from them.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The README table a setting is listed in (scripts/settings-docs.ts renders one per section). */
export type Section = 'api' | 'local' | 'evaluator' | 'listener' | 'notifier' | 'wiring' | 'deploy';

/** The functions CDK sets a setting on, from the CDK context key of the same name. */
export type FunctionRole = 'api' | 'authorizer' | 'evaluator' | 'listener' | 'notifier';

/** A synth-time check of a context value; `expected` completes "context key 'k' must be …". */
export interface Check<T> {
  expected: string;
  valid(value: T): boolean;
}

/** `T` is the value, `C` what a context check sees (a list's items; never for kinds without checks). */
interface Common<T, C = never> {
  /** The environment variable; absent for a deploy-only setting (CDK context alone). */
  env?: string;
  doc: string;
  section: Section;
  /** The value when unset; `undefined` = unset (optional) or, with `required`, an error. */
  default: T;
  /** The README's default column, when the value alone would mislead ("a free port"). */
  shownDefault?: string;
  /** What `npm start` passes when the variable is unset; differs from `default` on purpose. */
  localDefault?: string;
  /**
   * A CDK context key named as the row (e.g. `evaluationInterval`), checked at synth;
   * `true` for no check beyond the kind. `doc` replaces the README's deploy-table text.
   */
  context?: true | { check?: Check<C>; doc?: string };
  /** Functions whose environment CDK fills from the context value. */
  deployTo?: readonly FunctionRole[];
  /** Reads the variable's text (undefined when unset); throws SettingsError naming `env`. */
  parse(raw: string | undefined): T;
  /** The value as the variable's text, or undefined to leave the variable unset. */
  format(value: T): string | undefined;
}

export interface TextSetting<T extends string | undefined = string | undefined> extends Omit<Common<T, string>, 'default'> {
  kind: 'text';
  /** Unset and without a default is an error (names of tables, queues). */
  required: boolean;
  default: string | undefined;
}
export interface IntegerSetting extends Common<number, number> {
  kind: 'integer';
  min?: number;
  max?: number;
}
export interface FlagSetting extends Common<boolean> {
  kind: 'flag';
}
export interface ChoiceSetting<C extends string = string> extends Common<C> {
  kind: 'choice';
  choices: readonly C[];
}
export interface ListSetting extends Common<string[], string> {
  kind: 'list';
}
export interface PortSetting<T extends number | undefined = number | undefined> extends Common<T> {
  kind: 'port';
}

export type Setting = TextSetting | TextSetting<string> | IntegerSetting | FlagSetting | ChoiceSetting | ListSetting | PortSetting | PortSetting<number>;
export type ValueOf<S> = S extends { parse(raw: string | undefined): infer T } ? T : never;

type Spec<S extends Setting> = Omit<S, 'kind' | 'parse' | 'format' | 'required'>;

const trimmed = (raw: string | undefined) => raw?.trim() || undefined;
const name = (spec: { env?: string }) => spec.env ?? '(deploy-only)';

type TextSpec<T extends string | undefined> = Omit<Spec<TextSetting<T>>, 'default'> & { default?: string };

/** Text; required (an error when unset) unless it has a default or is `optional`. */
export function text(spec: TextSpec<string | undefined> & { optional: true }): TextSetting;
export function text(spec: TextSpec<string>): TextSetting<string>;
export function text(spec: TextSpec<string | undefined> & { optional?: true }): TextSetting {
  const { optional, ...rest } = spec;
  const required = rest.default === undefined && !optional;
  return {
    ...rest,
    default: rest.default,
    kind: 'text',
    required,
    parse: (raw) => {
      const value = trimmed(raw) ?? rest.default;
      if (value === undefined && required) throw new SettingsError(`environment variable ${name(spec)} must be set`);
      return value;
    },
    format: (value) => value,
  };
}

export function integer(spec: Spec<IntegerSetting>): IntegerSetting {
  return {
    ...spec,
    kind: 'integer',
    parse: (raw) => {
      const value = trimmed(raw);
      if (value === undefined) return spec.default;
      if (!/^-?\d+$/.test(value)) throw new SettingsError(`environment variable ${name(spec)} must be an integer, got '${value}'`);
      const parsed = Number(value);
      if (spec.min !== undefined && parsed < spec.min) {
        const bound = spec.min === 0 ? '0 or more' : `at least ${spec.min}`;
        throw new SettingsError(`environment variable ${name(spec)} must be ${bound}, got ${parsed}`);
      }
      if (spec.max !== undefined && parsed > spec.max) throw new SettingsError(`environment variable ${name(spec)} must be at most ${spec.max}, got ${parsed}`);
      return parsed;
    },
    format: String,
  };
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

export function flag(spec: Spec<FlagSetting>): FlagSetting {
  return {
    ...spec,
    kind: 'flag',
    parse: (raw) => {
      const value = trimmed(raw)?.toLowerCase();
      if (value === undefined) return spec.default;
      if (TRUE.includes(value)) return true;
      if (FALSE.includes(value)) return false;
      throw new SettingsError(`environment variable ${name(spec)} must be true or false, got '${value}'`);
    },
    format: String,
  };
}

export function choice<const C extends string>(spec: Spec<ChoiceSetting<C>>): ChoiceSetting<C> {
  return {
    ...spec,
    kind: 'choice',
    parse: (raw) => {
      const value = trimmed(raw) ?? spec.default;
      if ((spec.choices as readonly string[]).includes(value)) return value as C;
      const quoted = spec.choices.map((c) => `'${c}'`);
      throw new SettingsError(`environment variable ${name(spec)} must be ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}, got '${value}'`);
    },
    format: (value) => value,
  };
}

/** A comma-separated list; blank items are dropped. */
export function list(spec: Spec<ListSetting>): ListSetting {
  return {
    ...spec,
    kind: 'list',
    parse: (raw) => (raw ?? '').split(',').map((item) => item.trim()).filter(Boolean),
    format: (value) => value.join(','),
  };
}

export function port(spec: Spec<PortSetting<number>>): PortSetting<number>;
export function port(spec: Spec<PortSetting>): PortSetting;
export function port(spec: Spec<PortSetting>): PortSetting {
  return {
    ...spec,
    kind: 'port',
    parse: (raw) => {
      const value = trimmed(raw);
      if (value === undefined) return spec.default;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) throw new SettingsError(`environment variable ${name(spec)} must be a TCP port, got '${value}'`);
      return parsed;
    },
    format: (value) => (value === undefined ? undefined : String(value)),
  };
}

/** The setting's value in `env` (its default when unset); throws SettingsError naming the variable. */
export function readSetting<S extends Setting>(env: Env, setting: S): ValueOf<S> {
  return setting.parse(setting.env === undefined ? undefined : env[setting.env]) as ValueOf<S>;
}

/** Values of a plugin's rows, keyed as the rows; an unset optional row is left out. */
export type RowValues<T extends Record<string, Setting>> = { [K in keyof T]?: Exclude<ValueOf<T[K]>, undefined> };

/** Reads every row of a plugin generically, so adding a row needs no reading code elsewhere. */
export function readRows<T extends Record<string, Setting>>(env: Env, rows: T): RowValues<T> {
  const values: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(rows)) {
    const value = readSetting(env, row);
    if (value !== undefined) values[key] = value;
  }
  return values as RowValues<T>;
}
