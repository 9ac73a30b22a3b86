import { AodhError } from '../errors.js';

/**
 * The metric source understood the request and refused it: a PromQL syntax or execution
 * error, a CloudWatch parameter or permission error. Aodh lets these propagate out of the
 * evaluator (logged, alarm unchanged, §3.3.4); unlike MetricSourceUnavailableError, retrying
 * next cycle will not help until someone fixes the rule or the source's configuration.
 */
export class InvalidQueryError extends AodhError {
  constructor(
    /** The registry name of the source. */
    readonly source: string,
    message: string,
    /** The source's HTTP status, where it answered with one. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
