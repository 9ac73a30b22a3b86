import type { Identity } from '../domain/identity.js';
import { ForbiddenError } from '../errors.js';
import type { AlarmCounters, EvaluationCounters } from '../ports/evaluation-counters.js';
import { coerceBool } from '../validation/coerce.js';
import { invalidInput } from '../validation/errors.js';
import { collect } from './paging.js';
import { enforce } from './policy.js';

export interface MetricsView {
  evaluation_results: AlarmCounters[];
}

/**
 * GET /v2/metrics (§6.15). `counters` is absent when enable_evaluation_results_metrics is off.
 * Without `all_projects` even an admin sees only their own project, as in Aodh.
 */
export async function getMetrics(counters: EvaluationCounters | undefined, caller: Identity, allProjectsParam: string | undefined): Promise<MetricsView> {
  const allProjects = parseAllProjects(allProjectsParam);
  if (!counters) throw new ForbiddenError('metrics endpoint is disabled');
  if (allProjects) enforce('get_metrics:all_projects', caller, {});
  else enforce('get_metrics', caller, { project_id: caller.projectId });
  return { evaluation_results: await collect(counters.list(allProjects ? {} : { projectId: caller.projectId })) };
}

/** A typed query argument: WSME converts it before the controller runs, so a bad value is a 400 first. */
function parseAllProjects(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const parsed = coerceBool(raw);
  if (!parsed.ok) throw invalidInput('all_projects', raw, parsed.detail);
  return parsed.value;
}
