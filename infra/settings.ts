import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/**
 * Deploy settings, read once from CDK context (`cdk.json` "context" or `-c key=value`).
 * Values given with `-c` always arrive as strings, so every reader coerces; a bad value
 * fails synth with the context key in the message, never at deploy or run time.
 */
export interface DeploySettings {
  /** Part of every stack name (`Aodh-<stage>-…`) and tag. */
  stage: string;
  authMode: 'jwt' | 'noauth';
  /** noauth trusts caller-supplied identity headers, so it must be opted into explicitly. */
  allowNoauth: boolean;
  /** Both set → an API Gateway JWT authorizer; both unset → none (a warning in jwt mode). */
  jwt?: { issuer: string; audience: string[] };
  corsAllowedOrigins: string[];
  /** The next four mirror Aodh's [api]/[database] options; -1 (or ≤ 0) means unlimited/forever. */
  alarmMaxActions: number;
  userAlarmQuota: number;
  projectAlarmQuota: number;
  alarmHistoryTimeToLive: number;
  gnocchiUrl?: string;
  logRetentionDays: RetentionDays;
}

export class DeploySettingsError extends Error {
  override name = 'DeploySettingsError';
}

/** Collects every problem so one synth run reports them all, each naming its context key. */
class ContextReader {
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

  optionalString(key: string, check?: { expected: string; valid: (s: string) => boolean }): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.fail(key, check?.expected ?? 'a string', value);
    const text = value.trim();
    return check && !check.valid(text) ? this.fail(key, check.expected, value) : text;
  }

  string(key: string, fallback: string, check?: { expected: string; valid: (s: string) => boolean }): string {
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

  integer(key: string, fallback: number, check?: { expected: string; valid: (n: number) => boolean }): number {
    const value = this.raw(key);
    if (value === undefined || value === null) return fallback;
    const parsed = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    const expected = check?.expected ?? 'an integer';
    if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed)) return this.fail(key, expected, value) ?? fallback;
    return check && !check.valid(parsed) ? (this.fail(key, expected, value) ?? fallback) : parsed;
  }

  /** A JSON array, or (as `-c` gives) a JSON-array string or a comma-separated string. */
  stringList(key: string, check?: { expected: string; valid: (s: string) => boolean }): string[] {
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

function isUrl(text: string, protocols: string[]): boolean {
  return URL.canParse(text) && protocols.includes(new URL(text).protocol);
}

/** `*` or a bare origin (scheme://host[:port]), the form the Origin header is compared with. */
function isOrigin(text: string): boolean {
  return text === '*' || (isUrl(text, ['http:', 'https:']) && new URL(text).origin === text);
}

const RETENTION_VALUES = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

export function readDeploySettings(node: Node): DeploySettings {
  const ctx = new ContextReader(node);
  const stage = ctx.string('stage', 'dev', {
    // Stack names allow [A-Za-z0-9-] and must start with a letter; keep it short for resource names.
    expected: 'a letter followed by up to 19 letters, digits or dashes',
    valid: (s) => /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(s),
  });
  const authMode = ctx.oneOf('authMode', ['jwt', 'noauth'], 'jwt');
  const allowNoauth = ctx.boolean('allowNoauth', false);
  // API Gateway only accepts https issuers (it fetches the OIDC discovery document).
  const issuer = ctx.optionalString('jwtIssuer', { expected: 'an https URL', valid: (s) => isUrl(s, ['https:']) });
  const audience = ctx.stringList('jwtAudience');
  const settings: DeploySettings = {
    stage,
    authMode,
    allowNoauth,
    jwt: issuer && audience.length > 0 ? { issuer, audience } : undefined,
    corsAllowedOrigins: ctx.stringList('corsAllowedOrigins', {
      expected: "a list of origins like 'https://example.com' (or '*')",
      valid: isOrigin,
    }),
    alarmMaxActions: ctx.integer('alarmMaxActions', -1),
    userAlarmQuota: ctx.integer('userAlarmQuota', -1),
    projectAlarmQuota: ctx.integer('projectAlarmQuota', -1),
    alarmHistoryTimeToLive: ctx.integer('alarmHistoryTimeToLive', -1),
    gnocchiUrl: ctx.optionalString('gnocchiUrl', { expected: 'an http(s) URL', valid: (s) => isUrl(s, ['http:', 'https:']) }),
    logRetentionDays: ctx.integer('logRetentionDays', RetentionDays.ONE_MONTH, {
      expected: `one of the CloudWatch retention periods (${RETENTION_VALUES.join(', ')})`,
      valid: (n) => RETENTION_VALUES.includes(n),
    }) as RetentionDays,
  };
  if (Boolean(issuer) !== audience.length > 0) {
    ctx.problems.push("context keys 'jwtIssuer' and 'jwtAudience' must be set together (or neither)");
  }
  if (authMode === 'noauth' && !allowNoauth) {
    ctx.problems.push(
      "context key 'authMode' is 'noauth', which trusts client-supplied X-User-Id/X-Project-Id/X-Roles headers; " +
        "pass -c allowNoauth=true to deploy it anyway (never for a reachable stage)",
    );
  }
  if (ctx.problems.length > 0) {
    throw new DeploySettingsError(`Invalid deploy settings:\n  - ${ctx.problems.join('\n  - ')}`);
  }
  return settings;
}
