import { createHash } from 'node:crypto';
import { ServiceUnavailableError } from '../../errors.js';
import { ServiceTokenSource, type KeystoneServiceCredentials } from './service-token.js';
import { TokenCache } from './token-cache.js';

/** What a valid token says about its bearer (Keystone's `GET /v3/auth/tokens` body, trimmed). */
export interface KeystoneTokenInfo {
  userId: string;
  projectId: string;
  /** Role names, lower-cased as the policy compares them. */
  roles: string[];
  /** Keystone's `is_admin_project` (true when Keystone has no admin project configured). */
  isAdminProject: boolean;
  expiresAt: number;
}

export interface KeystoneTokenValidatorOptions {
  /** Identity v3, e.g. `http://keystone:5000/v3`. */
  url: string;
  service: KeystoneServiceCredentials;
  /** How long a validation is trusted (keystonemiddleware's `token_cache_time`, 300 s); revocations show after at most this. */
  cacheTtlMs?: number;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export const DEFAULT_TOKEN_CACHE_TTL_MS = 300_000;

/** Tokens longer than this are refused unread: fernet tokens are ~180–250 characters, PKI ones were ~8 KB. */
export const MAX_TOKEN_LENGTH = 8_192;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The token body's fields we rely on; a token without a project (unscoped, domain-scoped) carries no tenant. */
function tokenInfo(body: unknown): KeystoneTokenInfo | undefined {
  const token = (body as { token?: Record<string, unknown> } | null)?.token;
  const user = token?.user as { id?: unknown } | undefined;
  const project = token?.project as { id?: unknown } | undefined;
  const userId = text(user?.id);
  const projectId = text(project?.id);
  const expiresAt = Date.parse(String(token?.expires_at));
  if (!token || !userId || !projectId || Number.isNaN(expiresAt)) return undefined;
  const roles = Array.isArray(token.roles) ? token.roles.map((role) => text((role as { name?: unknown }).name)?.toLowerCase()).filter((role) => role !== undefined) : [];
  return { userId, projectId, roles, isAdminProject: token.is_admin_project !== false, expiresAt };
}

/**
 * Validates user tokens against Keystone v3 the way keystonemiddleware's auth_token does: the
 * service's own token asks `GET /v3/auth/tokens` about the user's (`X-Subject-Token`), and
 * the answer is cached — by the token's SHA-256, never the token itself — until the cache TTL
 * or shortly before the token expires, whichever is first. Invalid tokens are cached too, so a
 * flood of bad tokens costs Keystone one call each per TTL. Concurrent validations of one token
 * share one call.
 *
 * Outcomes: the token's info; `undefined` for a token Keystone does not accept (404, or not
 * project-scoped); ServiceUnavailableError when Keystone cannot say (down, 5xx, or refusing the
 * service's own credentials), which the API answers with 503 and never with 401.
 */
export class KeystoneTokenValidator {
  private readonly cache: TokenCache<KeystoneTokenInfo | undefined>;
  private readonly inFlight = new Map<string, Promise<KeystoneTokenInfo | undefined>>();
  private readonly serviceToken: ServiceTokenSource;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly options: KeystoneTokenValidatorOptions) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.cache = new TokenCache(options.cacheTtlMs ?? DEFAULT_TOKEN_CACHE_TTL_MS, this.now);
    this.serviceToken = new ServiceTokenSource({ url: options.url, credentials: options.service, fetch: this.fetch, now: this.now, timeoutMs: this.timeoutMs });
  }

  async validate(token: string): Promise<KeystoneTokenInfo | undefined> {
    if (token === '' || token.length > MAX_TOKEN_LENGTH) return undefined;
    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(key);
    if (cached.hit) return cached.value;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.ask(token).then((info) => {
        this.cache.set(key, info, info?.expiresAt);
        return info;
      });
      this.inFlight.set(key, pending);
      void pending.then(
        () => this.inFlight.delete(key),
        () => this.inFlight.delete(key),
      );
    }
    return pending;
  }

  private async ask(token: string, refreshed = false): Promise<KeystoneTokenInfo | undefined> {
    const serviceToken = await this.serviceToken.get(refreshed);
    let response: Response;
    try {
      response = await this.fetch(`${this.options.url}/auth/tokens?nocatalog`, {
        headers: { 'x-auth-token': serviceToken, 'x-subject-token': token, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableError('The identity service is not available.', { cause: error });
    }
    if (response.status === 200) return tokenInfo(await response.json().catch(() => undefined));
    await response.body?.cancel();
    // The service's token expired or was revoked: one fresh one, then Keystone's answer stands.
    if (response.status === 401 && !refreshed) return this.ask(token, true);
    if (response.status === 404) return undefined;
    throw new ServiceUnavailableError('The identity service is not available.', { cause: new Error(`keystone answered ${response.status} validating a token`) });
  }
}
