import type { Identity } from '../../domain/identity.js';
import { ServiceUnavailableError } from '../../errors.js';
import type { IdentityResolver } from '../../ports/identity-resolver.js';
import type { KeystoneTokenInfo } from './token-validator.js';

/**
 * What the Keystone authorizer tells the API function about a token, through API Gateway's
 * `requestContext.authorizer.lambda` (a flat map of strings) or the local front's copy of it.
 * The authorizer always lets the request through, so that the function answers with Aodh's
 * envelope: `invalid` → 401 with WWW-Authenticate, `unavailable` → 503 (the gateway's own
 * refusals are a bare 401/403, and a failing authorizer is its 500).
 */
export type KeystoneContext =
  | { keystone: 'valid'; user_id: string; project_id: string; roles: string; admin_project: 'true' | 'false' }
  | { keystone: 'invalid' }
  | { keystone: 'unavailable' };

export interface TokenValidator {
  validate(token: string): Promise<KeystoneTokenInfo | undefined>;
}

/** Validates the token; Keystone (or the service password) being out of reach is `unavailable`, never a throw. */
export async function keystoneContext(validator: () => Promise<TokenValidator>, token: string | undefined): Promise<KeystoneContext> {
  if (!token) return { keystone: 'invalid' };
  let info: KeystoneTokenInfo | undefined;
  try {
    info = await (await validator()).validate(token);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return { keystone: 'unavailable' };
    throw error;
  }
  if (!info) return { keystone: 'invalid' };
  return { keystone: 'valid', user_id: info.userId, project_id: info.projectId, roles: info.roles.join(','), admin_project: info.isAdminProject ? 'true' : 'false' };
}

/**
 * The roles as the policy reads them (`admin` = cloud admin, shared/domain/identity.ts): Keystone's
 * admin role is cloud admin only in the admin project (`is_admin_project`, true when Keystone has
 * none configured, which is Aodh's legacy "admin anywhere"); elsewhere it keeps member powers.
 */
function policyRoles(roles: string[], adminProject: boolean): string[] {
  return [...new Set(roles.map((role) => (role === 'admin' && !adminProject ? 'member' : role)))];
}

/** AUTH_MODE=keystone in the API function: the authorizer's context to an Identity (none = 401). */
export const keystoneContextIdentity: IdentityResolver = {
  resolve({ claims }): Identity | undefined {
    if (claims?.keystone === 'unavailable') throw new ServiceUnavailableError('The identity service is not available.');
    if (claims?.keystone !== 'valid') return undefined;
    const { user_id: userId, project_id: projectId, roles, admin_project: adminProject } = claims;
    if (typeof userId !== 'string' || typeof projectId !== 'string' || userId === '' || projectId === '') return undefined;
    const list = typeof roles === 'string' ? roles.split(',').filter(Boolean) : [];
    return { userId, projectId, roles: policyRoles(list, adminProject === 'true') };
  },
};

/** keystonemiddleware's challenge: `Keystone uri='<identity URL without the version>'`. */
export function keystoneChallenge(url: string): string {
  return `Keystone uri='${url.replace(/\/+$/, '').replace(/\/v3$/, '')}'`;
}
