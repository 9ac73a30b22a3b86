import type { Identity } from '../domain/identity.js';
import type { IdentityResolver } from '../ports/identity-resolver.js';

export interface ClaimNames {
  user: string;
  project: string;
  roles: string;
}

export const DEFAULT_CLAIMS: ClaimNames = { user: 'sub', project: 'project_id', roles: 'roles' };

/**
 * Who is cloud admin in JWT mode, as Keystone's `admin_project` decides it: the admin role
 * counts only in a designated admin project. With no admin project (the default) no token
 * is cloud admin.
 */
export interface AdminScope {
  /** The role (compared case-insensitively) that grants admin powers in an admin project. */
  role: string;
  /** Projects (the project claim's value) in which that role is cloud admin. */
  projectIds: readonly string[];
}

export const DEFAULT_ADMIN_SCOPE: AdminScope = { role: 'admin', projectIds: [] };

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
 * The roles as the policy reads them, where `admin` means cloud admin (shared/domain/identity.ts):
 * present only for the admin role in an admin project. Elsewhere the admin role (and a literal
 * `admin`) keeps what Keystone's implied roles give it in its own project: member and reader.
 */
function scopedRoles(roles: string[], projectId: string, scope: AdminScope): string[] {
  const adminRole = scope.role.trim().toLowerCase();
  const cloudAdmin = roles.includes(adminRole) && scope.projectIds.includes(projectId);
  const mapped = roles.map((role) => (role === adminRole || role === 'admin' ? (cloudAdmin ? 'admin' : 'member') : role));
  return [...new Set(mapped)];
}

/**
 * Maps the claims a JWT authorizer verified (API Gateway) to an Identity. Both project and
 * user are required: alarms record them as owner, and a token missing either cannot say whose.
 */
export function jwtClaimsIdentity(names: ClaimNames = DEFAULT_CLAIMS, admin: AdminScope = DEFAULT_ADMIN_SCOPE): IdentityResolver {
  return {
    resolve({ claims }): Identity | undefined {
      const projectId = textClaim(claims?.[names.project]);
      const userId = textClaim(claims?.[names.user]);
      if (!projectId || !userId) return undefined;
      return { projectId, userId, roles: scopedRoles(rolesFrom(claims?.[names.roles]), projectId, admin) };
    },
  };
}
