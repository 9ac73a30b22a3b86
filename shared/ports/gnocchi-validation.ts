import type { JsonObject } from '../domain/alarm.js';

/**
 * What the API asks of Gnocchi while validating gnocchi rules (§2.1.1, §2.4).
 * Absent when no GNOCCHI_URL is configured: the checks are then skipped.
 */
export interface GnocchiValidationApi {
  /** Advertised aggregation methods (cached by the implementation). Throws ServiceUnavailableError / UpstreamError. */
  aggregationMethods(): Promise<string[]>;
  /** Trial aggregation of §2.4 step 3. Resolves when Gnocchi accepts (or answers 404 / "Metrics not found"). */
  trialResourceAggregation(request: { metric: string; resourceType: string; query: JsonObject; aggregationMethod: string }): Promise<void>;
}
