import type { Identity } from '../../domain/identity.js';
import { isAdmin } from '../../domain/identity.js';
import { ForbiddenError, NotAuthorizedError } from '../../errors.js';
import type { AlarmLimits } from '../../ports/alarm-store.js';
import type { AlarmServiceDeps } from './deps.js';

export interface Owner {
  userId: string;
  projectId: string;
}

/** §1.5 POST: non-admins may only name themselves (401 otherwise, user checked first); admins anyone. */
export function ownerForCreate(caller: Identity, requested: { user_id?: string; project_id?: string }): Owner {
  const admin = isAdmin(caller);
  if (!admin && requested.user_id !== undefined && requested.user_id !== caller.userId) {
    throw new NotAuthorizedError(`Not Authorized to access user ${requested.user_id}`);
  }
  if (!admin && requested.project_id !== undefined && requested.project_id !== caller.projectId) {
    throw new NotAuthorizedError(`Not Authorized to access project ${requested.project_id}`);
  }
  return { userId: requested.user_id ?? caller.userId, projectId: requested.project_id ?? caller.projectId };
}

/** §1.5 PUT: non-admins are forced to themselves; admins keep stored values unless the body names others. */
export function ownerForUpdate(caller: Identity, stored: Owner, requested: { user_id?: string; project_id?: string }): Owner {
  if (!isAdmin(caller)) return { userId: caller.userId, projectId: caller.projectId };
  return { userId: requested.user_id ?? stored.userId, projectId: requested.project_id ?? stored.projectId };
}

/**
 * §1.7 with Aodh's quota bugs fixed deliberately (§13.1): a project quota row limits the
 * *project's* count (Aodh compared the user's count), -1 means unlimited (Aodh: always
 * over), and the user quota applies to the user's alarms across all projects.
 */
export async function assertWithinQuota(deps: Pick<AlarmServiceDeps, 'store' | 'settings'>, owner: Owner): Promise<AlarmLimits> {
  const { store, settings } = deps;
  const rows = await store.getQuotas(owner.projectId);
  const limits: AlarmLimits = { project: rows.find((row) => row.resource === 'alarms')?.limit ?? settings.projectAlarmQuota, user: settings.userAlarmQuota };
  const over = async (limit: number, scope: { projectId: string } | { userId: string }) =>
    limit >= 0 && (await store.countAlarms(scope)) >= limit;
  if ((await over(limits.project, { projectId: owner.projectId })) || (await over(limits.user, { userId: owner.userId }))) throw quotaExceeded(owner);
  return limits;
}

/**
 * The early check above keeps Aodh's order (a full quota is reported before rule errors) but
 * can race; the store enforces `limits` atomically with the insert (issue 11 A6).
 */
export function quotaExceeded(owner: Owner, cause?: Error): ForbiddenError {
  return new ForbiddenError(`Alarm quota exceeded for user ${owner.userId} on project ${owner.projectId}`, cause && { cause });
}
