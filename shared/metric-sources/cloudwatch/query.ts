import { type MetricSource, metricSourceName } from '../../ports/metric-source.js';

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
