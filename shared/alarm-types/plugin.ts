import type { Alarm, JsonObject } from '../domain/alarm.js';
import type { Identity } from '../domain/identity.js';
import type { EvaluationContext, ThresholdOutcome } from '../evaluation/context.js';
import type { Decision } from '../evaluation/decision.js';
import type { GnocchiValidationApi } from '../ports/gnocchi-validation.js';
import type { CloudWatchTenancy } from '../metric-sources/cloudwatch/query.js';

export type { GnocchiValidationApi } from '../ports/gnocchi-validation.js';

export interface RuleValidationContext {
  caller: Identity;
  callerIsAdmin: boolean;
  /** The project that will own the alarm. */
  ownerProjectId: string;
  /** §7 get_auth_project: caller's project for non-admins; owner project for admins acting on another project; else undefined. */
  scopeProjectId: string | undefined;
  gnocchi?: GnocchiValidationApi;
  /** What scoped cloudwatch_threshold alarms may read; defaults apply when absent. */
  cloudwatchTenancy?: CloudWatchTenancy;
}

/**
 * One alarm type (Aodh's `aodh.alarm.rule` + `aodh.evaluator` entry points under one key).
 * Evaluation hooks join this interface with the evaluator.
 */
export interface AlarmTypePlugin {
  readonly type: string;
  /** `scheduled` alarms are evaluated by the evaluator on a timer; `event` alarms by the listener. */
  readonly trigger: 'scheduled' | 'event';
  /** Whether this type may appear as a leaf of a composite rule (§2.6). */
  readonly composable: boolean;
  /** The metric source (its registry name) evaluateThreshold reads; none for composite and event. */
  readonly source?: string;
  /**
   * Structural validation and normalisation of `<type>_rule`: mandatory fields, types,
   * bounds, enums, unknown attributes, defaults filled in. Throws InvalidInputError with
   * Aodh's WSME texts (§1.6).
   */
  parseRule(input: unknown): JsonObject;
  /**
   * Checks that need the request context or other services (Gnocchi aggregation methods,
   * project scoping of queries). Returns the rule to store. Runs after RBAC and ownership.
   */
  validateRule?(rule: JsonObject, context: RuleValidationContext): Promise<JsonObject>;
  /** Description stored when the client gives none; default `<type> alarm rule`. */
  defaultDescription?(rule: JsonObject): string;
  /**
   * Threshold-family types (gnocchi, prometheus, cloudwatch): fetch the rule's statistics
   * from its metric source and classify them. Also how composite evaluates its leaves.
   * Throws MetricSourceUnavailableError when the source is down (state then unchanged).
   */
  evaluateThreshold?(rule: JsonObject, context: EvaluationContext): Promise<ThresholdOutcome>;
  /**
   * Scheduled types that decide by themselves (composite). Threshold types leave this out:
   * the evaluator applies the shared transition table to evaluateThreshold's outcome.
   */
  evaluate?(alarm: Alarm, context: EvaluationContext): Promise<Decision | undefined>;
}

export type AlarmTypeRegistry = Readonly<Record<string, AlarmTypePlugin>>;
