import type { Identity } from '../domain/identity.js';
import type { IdentityResolver } from '../ports/identity-resolver.js';

export interface ClaimNames {
  user: string;
  project: string;
  roles: string;
}

export const DEFAULT_CLAIMS: ClaimNames = { user: 'sub', project: 'project_id', roles: 'roles' };

function rolesFrom(value: unknown): string[] {
  // API Gateway hands array claims over as "[a b]" strings; plain JWT libraries give arrays.
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return list.map((role) => role.trim().toLowerCase()).filter(Boolean);
}

/** A claim as a non-blank string: API Gateway stringifies every claim, so anything else is absent. */
function textClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Maps the claims a JWT authorizer verified (API Gateway) to an Identity. Both project and
 * user are required: alarms record them as owner, and a token missing either cannot say whose.
 */
export function jwtClaimsIdentity(names: ClaimNames = DEFAULT_CLAIMS): IdentityResolver {
  return {
    resolve({ claims }): Identity | undefined {
      const projectId = textClaim(claims?.[names.project]);
      const userId = textClaim(claims?.[names.user]);
      if (!projectId || !userId) return undefined;
      return { projectId, userId, roles: rolesFrom(claims?.[names.roles]) };
    },
  };
}
