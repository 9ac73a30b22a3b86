import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';
import { list, text } from '../../setting-rows/setting.js';

/** CloudWatch GetMetricData for one metric; the source batches many of these into one call (≤ 500 queries). */
export interface CloudWatchQuery {
  namespace: string;
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic: string;
  period: number;
  start: Date;
  end: Date;
  /** A scoped alarm's project: the source sets its project dimension to it (tenancy of cloudwatch_threshold). */
  scopeToProject?: string;
}

/** The reading is the values oldest first, one per period with data. */
export const CLOUDWATCH = metricSourceName<CloudWatchQuery, number[]>('cloudwatch');

export type CloudWatchSource = MetricSource<CloudWatchQuery, number[]>;

/**
 * What a project's alarms may read of the deployment's CloudWatch. CloudWatch metrics belong
 * to the AWS account, not to a project, so a scoped alarm (a non-admin's, or an admin's for
 * another project: §7's scoping project) reads only metrics that carry the project's dimension,
 * as Prometheus alarms read only series with the project's label; the evaluator adds the
 * dimension to every query. An admin's alarm on its own project is unscoped.
 */
export interface CloudWatchTenancy {
  /** `CLOUDWATCH_PROJECT_DIMENSION`: the dimension holding the project id (default `project_id`). */
  projectDimension: string;
  /**
   * `CLOUDWATCH_TENANT_NAMESPACES`: namespaces scoped alarms may name, exact or as a prefix
   * ending in `*` (`MyApp/*`). Empty: every namespace outside `AWS/`, whose service metrics
   * never carry a project dimension (AWS reserves the prefix, so no tenant can publish there).
   */
  tenantNamespaces: readonly string[];
}

export const DEFAULT_CLOUDWATCH_TENANCY: CloudWatchTenancy = { projectDimension: 'project_id', tenantNamespaces: [] };

/**
 * The source's own setting rows (joined into the one table by metric-sources/settings.ts).
 * Prometheus scopes by label (`project`); CloudWatch metrics carry dimensions instead.
 */
export const cloudwatchSettings = {
  cloudwatchProjectDimension: text({ env: 'CLOUDWATCH_PROJECT_DIMENSION', default: DEFAULT_CLOUDWATCH_TENANCY.projectDimension, section: 'evaluator', deployTo: ['api', 'evaluator'], context: true,
    doc: "The CloudWatch dimension holding the project: a project's `cloudwatch_threshold` alarm reads only metrics whose dimension is its project (an admin's own alarms are unscoped)." }),
  cloudwatchTenantNamespaces: list({ env: 'CLOUDWATCH_TENANT_NAMESPACES', default: [], shownDefault: 'empty (every namespace outside `AWS/`)', section: 'evaluator', deployTo: ['api'], context: true,
    doc: 'Comma-separated CloudWatch namespaces (a trailing `*` matches a prefix, `MyApp/*`) that project alarms may name; another is a 403 naming it.' }),
};
