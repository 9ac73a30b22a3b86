import type { Identity } from '../domain/identity.js';
import type { Quota } from '../domain/quota.js';
import type { AlarmStore } from '../ports/alarm-store.js';
import { parseQuotaBody } from '../validation/alarm-body.js';
import { enforce } from './policy.js';

export interface ProjectQuotas {
  project_id: string;
  quotas: Quota[];
}

/**
 * GET /v2/quotas (§6.14). Deliberate fix (§13.1): a project without rows is answered with
 * the configured default but nothing is written, so reading quotas never locks a project.
 */
export async function getQuotas(
  store: AlarmStore,
  caller: Identity,
  projectId: string | undefined,
  projectAlarmQuota: number,
): Promise<ProjectQuotas> {
  const project = projectId ?? caller.projectId;
  enforce('get_quotas', caller, { project_id: project });
  const rows = await store.getQuotas(project);
  return { project_id: project, quotas: rows.length > 0 ? rows : [{ resource: 'alarms', limit: projectAlarmQuota }] };
}

export async function setQuotas(store: AlarmStore, caller: Identity, body: unknown): Promise<ProjectQuotas> {
  const request = parseQuotaBody(body);
  enforce('update_quotas', caller, { project_id: request.project_id });
  return { project_id: request.project_id, quotas: await store.setQuotas(request.project_id, request.quotas) };
}

export async function deleteQuotas(store: AlarmStore, caller: Identity, projectId: string): Promise<void> {
  enforce('delete_quotas', caller, { project_id: projectId });
  await store.deleteQuotas(projectId);
}
