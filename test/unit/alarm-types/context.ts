import type { JsonObject } from '../../../shared/domain/alarm.js';
import type { GnocchiValidationApi, RuleValidationContext } from '../../../shared/alarm-types/plugin.js';

/** A non-admin in project `p` (scoped to `p`), optionally with a Gnocchi. */
export function ruleContext(extra: Partial<RuleValidationContext> = {}): RuleValidationContext {
  return { caller: { userId: 'u', projectId: 'p', roles: ['member'] }, callerIsAdmin: false, ownerProjectId: 'p', scopeProjectId: 'p', ...extra };
}

export type TrialRequest = Parameters<GnocchiValidationApi['trialResourceAggregation']>[0];

/** A Gnocchi stand-in that records the trial aggregations it is asked for. */
export function fakeGnocchi(methods = ['count', 'max', 'mean', 'rate:mean']): GnocchiValidationApi & { trials: TrialRequest[] } {
  const trials: TrialRequest[] = [];
  return {
    trials,
    aggregationMethods: async () => methods,
    trialResourceAggregation: async (request) => {
      trials.push(structuredClone(request) as TrialRequest & { query: JsonObject });
    },
  };
}
