import { ServiceUnavailableError } from '../../errors.js';

/** Aodh's `[service_credentials]` / `[keystone_authtoken]`: a password user scoped to the service project. */
export interface KeystoneServiceCredentials {
  username: string;
  password: string;
  project: string;
  /** Domain names; Keystone's default domain is `Default`. */
  userDomain?: string;
  projectDomain?: string;
}

/** Refreshed this long before it expires, so no call goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The service's own Keystone token: issued with the service credentials on first use, reused
 * until shortly before it expires, and re-issued on demand when Keystone refuses it (revoked).
 * Concurrent callers share one sign-in.
 */
export class ServiceTokenSource {
  private current: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly options: {
      url: string;
      credentials: KeystoneServiceCredentials;
      fetch: typeof fetch;
      now: () => number;
      timeoutMs: number;
    },
  ) {}

  get(forceRefresh = false): Promise<string> {
    if (forceRefresh) this.current = undefined;
    if (this.current && this.current.expiresAt - REFRESH_MARGIN_MS > this.options.now()) return Promise.resolve(this.current.token);
    this.pending ??= this.signIn().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async signIn(): Promise<string> {
    const { username, password, project, userDomain = 'Default', projectDomain = 'Default' } = this.options.credentials;
    const auth = {
      identity: { methods: ['password'], password: { user: { name: username, domain: { name: userDomain }, password } } },
      scope: { project: { name: project, domain: { name: projectDomain } } },
    };
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.url}/auth/tokens?nocatalog`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ auth }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableError('The identity service is not available.', { cause: error });
    }
    const token = response.headers.get('x-subject-token');
    const body = (await response.json().catch(() => undefined)) as { token?: { expires_at?: unknown } } | undefined;
    const expiresAt = Date.parse(String(body?.token?.expires_at));
    if (response.status !== 201 || !token || Number.isNaN(expiresAt)) {
      // Never the password, nor Keystone's text: the status says enough to an operator.
      throw new ServiceUnavailableError('The identity service is not available.', { cause: new Error(`keystone answered ${response.status} to the service credentials of ${username}`) });
    }
    this.current = { token, expiresAt };
    return token;
  }
}
