/** What a password sign-in names: a user and a project, both in the Default domain. */
export interface PasswordCredentials {
  user: string;
  password: string;
  project: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
  body: { token: Record<string, unknown> };
}

const DEFAULT_DOMAIN = { id: 'default' };

/** Signs a user in with a password, scoped to a project (POST /v3/auth/tokens). */
export async function issueToken(url: string, credentials: PasswordCredentials): Promise<IssuedToken> {
  const auth: Record<string, unknown> = {
    identity: { methods: ['password'], password: { user: { name: credentials.user, domain: DEFAULT_DOMAIN, password: credentials.password } } },
    scope: { project: { name: credentials.project, domain: DEFAULT_DOMAIN } },
  };
  const response = await fetch(`${url}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth }),
  });
  if (response.status !== 201) throw new Error(`keystone refused ${credentials.user}: ${response.status} ${await response.text()}`);
  const token = response.headers.get('x-subject-token');
  if (!token) throw new Error('keystone issued no X-Subject-Token');
  const body = (await response.json()) as { token: Record<string, unknown> };
  return { token, expiresAt: String(body.token.expires_at), body };
}

/**
 * The bootstrap admin's view of a real Keystone, for arranging tests: projects, users, role
 * grants and catalog entries made through Keystone's own v3 API, as an operator would.
 */
export class KeystoneAdmin {
  private constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  static async signIn(url: string, credentials: PasswordCredentials): Promise<KeystoneAdmin> {
    return new KeystoneAdmin(url, (await issueToken(url, credentials)).token);
  }

  async call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'x-auth-token': this.token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`keystone ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
  }

  private async created(path: string, kind: string, body: Record<string, unknown>): Promise<string> {
    const reply = (await this.call('POST', path, { [kind]: body }))[kind] as { id: string };
    return reply.id;
  }

  createProject(name: string): Promise<string> {
    return this.created('/projects', 'project', { name, domain_id: DEFAULT_DOMAIN.id });
  }

  createUser(name: string, password: string): Promise<string> {
    return this.created('/users', 'user', { name, password, domain_id: DEFAULT_DOMAIN.id });
  }

  async roleId(name: string): Promise<string> {
    const roles = (await this.call('GET', `/roles?name=${encodeURIComponent(name)}`)).roles as Array<{ id: string }>;
    const role = roles[0];
    if (!role) throw new Error(`keystone has no role ${name}`);
    return role.id;
  }

  async grant(userId: string, projectId: string, role: string): Promise<void> {
    await this.call('PUT', `/projects/${projectId}/users/${userId}/roles/${await this.roleId(role)}`);
  }

  /** A user with a password and roles on one project, created with the project if needed. */
  async userOn(project: { id: string }, name: string, password: string, roles: readonly string[]): Promise<string> {
    const userId = await this.createUser(name, password);
    for (const role of roles) await this.grant(userId, project.id, role);
    return userId;
  }

  /** A catalog entry: a service of `type` with a public and an internal endpoint in RegionOne. */
  async register(type: string, name: string, url: string): Promise<void> {
    const serviceId = await this.created('/services', 'service', { type, name });
    for (const iface of ['public', 'internal']) {
      await this.created('/endpoints', 'endpoint', { service_id: serviceId, interface: iface, url, region_id: 'RegionOne' });
    }
  }

  async revoke(token: string): Promise<void> {
    const response = await fetch(`${this.url}/auth/tokens`, { method: 'DELETE', headers: { 'x-auth-token': this.token, 'x-subject-token': token } });
    if (response.status !== 204) throw new Error(`keystone did not revoke the token: ${response.status}`);
  }
}
