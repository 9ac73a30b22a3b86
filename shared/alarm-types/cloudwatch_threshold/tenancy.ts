import type { JsonObject } from '../../domain/alarm.js';
import { ForbiddenError, InvalidInputError } from '../../errors.js';
import type { CloudWatchTenancy } from '../../metric-sources/cloudwatch/query.js';

/** CloudWatch's own limit on a metric's dimensions; the project's counts among them. */
const MAX_DIMENSIONS = 30;

function namespaceAllowed(namespace: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return !namespace.startsWith('AWS/');
  return allowed.some((pattern) => (pattern.endsWith('*') ? namespace.startsWith(pattern.slice(0, -1)) : namespace === pattern));
}

/**
 * The rule to store: `scope_to_project` (hidden from the API, as prometheus') is the scoping
 * project, or null for an unscoped admin alarm. A scoped rule naming a namespace outside the
 * deployment's list, or another project's dimension value, is refused (403).
 */
export function scopeCloudwatchRule(rule: JsonObject, tenancy: CloudWatchTenancy, scopeProjectId: string | undefined): JsonObject {
  if (scopeProjectId === undefined) return { ...rule, scope_to_project: null };
  const namespace = String(rule.namespace);
  if (!namespaceAllowed(namespace, tenancy.tenantNamespaces)) {
    throw new ForbiddenError(`CloudWatch namespace ${namespace} is not available to project alarms`);
  }
  const dimensions = (rule.dimensions ?? []) as Array<{ name: string; value: string }>;
  const own = dimensions.find((dimension) => dimension.name === tenancy.projectDimension);
  if (own && own.value !== scopeProjectId) {
    throw new ForbiddenError(`CloudWatch dimension ${tenancy.projectDimension} of a project alarm must be its project ${scopeProjectId}`);
  }
  if (!own && dimensions.length >= MAX_DIMENSIONS) {
    throw new InvalidInputError(
      `A project alarm reads its metric with the ${tenancy.projectDimension} dimension added, so dimensions may hold at most ${MAX_DIMENSIONS - 1} others`,
      'dimensions',
    );
  }
  return { ...rule, scope_to_project: scopeProjectId };
}
