import type { Identity } from '../domain/identity.js';
import type { IdentityResolver } from '../ports/identity-resolver.js';

/** Aodh's `auth_mode = noauth`: the Keystone identity headers are trusted as sent. */
export const noauthIdentity: IdentityResolver = {
  resolve({ headers }): Identity | undefined {
    const projectId = headers['x-project-id']?.trim();
    if (!projectId) return undefined;
    return {
      projectId,
      userId: headers['x-user-id']?.trim() ?? '',
      roles: (headers['x-roles'] ?? '')
        .split(',')
        .map((role) => role.trim().toLowerCase())
        .filter(Boolean),
    };
  },
};
