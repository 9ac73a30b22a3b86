import type { JsonObject } from '../../domain/alarm.js';
import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import type { AlarmServiceDeps } from './deps.js';
import { checkPeriods } from '../../evaluation/semantics/fields.js';

/** §7 get_auth_project: the project a rule's queries are scoped to. */
export function scopeProjectFor(caller: Identity, ownerProjectId: string): string | undefined {
  if (!isAdmin(caller)) return caller.projectId;
  return ownerProjectId !== caller.projectId ? ownerProjectId : undefined;
}

/** Runs the type's context-dependent validation (Gnocchi checks, project scoping) once ownership is known. */
export async function validateRuleFor(
  deps: Pick<AlarmServiceDeps, 'alarmTypes' | 'gnocchi' | 'cloudwatchTenancy' | 'evaluationInterval'>,
  type: string,
  rule: JsonObject,
  caller: Identity,
  ownerProjectId: string,
): Promise<JsonObject> {
  const plugin = deps.alarmTypes[type];
  const checked = deps.evaluationInterval ? checkPeriods(rule, deps.evaluationInterval) : rule;
  if (!plugin?.validateRule) return checked;
  return plugin.validateRule(checked, {
    caller,
    callerIsAdmin: isAdmin(caller),
    ownerProjectId,
    scopeProjectId: scopeProjectFor(caller, ownerProjectId),
    ...(deps.gnocchi ? { gnocchi: deps.gnocchi } : {}),
    ...(deps.cloudwatchTenancy ? { cloudwatchTenancy: deps.cloudwatchTenancy } : {}),
  });
}
