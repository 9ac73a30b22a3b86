import type { Identity } from '../domain/identity.js';
import { isAdmin } from '../domain/identity.js';
import { PolicyDeniedError } from '../errors.js';

/**
 * Aodh's policy defaults at HEAD (§6.16), `telemetry:` prefix dropped.
 *
 * Roles are expanded the way Keystone's default implied roles do (admin ⊃ member ⊃
 * reader), so a request carrying `X-Roles: member` behaves as a real Keystone token
 * for a member would: such a token always carries `reader` too.
 */
const READER = ['get_alarm', 'get_alarms', 'query_alarm', 'get_alarm_state', 'alarm_history', 'query_alarm_history', 'get_quotas', 'get_metrics'] as const;
const MEMBER = ['create_alarm', 'change_alarm', 'delete_alarm', 'change_alarm_state'] as const;
const ADMIN = ['get_alarms:all_projects', 'update_quotas', 'delete_quotas', 'get_metrics:all_projects'] as const;

export type PolicyRule = (typeof READER)[number] | (typeof MEMBER)[number] | (typeof ADMIN)[number];

const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  admin: ['admin', 'member', 'reader'],
  member: ['member', 'reader'],
  reader: ['reader'],
};

function effectiveRoles(identity: Identity): Set<string> {
  return new Set(identity.roles.flatMap((role) => IMPLIED[role] ?? [role]));
}

function requiredProjectRole(rule: PolicyRule): 'reader' | 'member' | undefined {
  if ((READER as readonly string[]).includes(rule)) return 'reader';
  if ((MEMBER as readonly string[]).includes(rule)) return 'member';
  return undefined;
}

export function allows(rule: PolicyRule, identity: Identity, target: { project_id?: string }): boolean {
  if (isAdmin(identity)) return true;
  const role = requiredProjectRole(rule);
  if (role === undefined) return false;
  return effectiveRoles(identity).has(role) && target.project_id !== undefined && target.project_id === identity.projectId;
}

/** Throws PolicyDeniedError (403 `RBAC Authorization Failed`) when the rule does not pass. */
export function enforce(rule: PolicyRule, identity: Identity, target: { project_id?: string }): void {
  if (!allows(rule, identity, target)) throw new PolicyDeniedError();
}
