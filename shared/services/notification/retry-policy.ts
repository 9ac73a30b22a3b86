/** How hard one SQS receive of a transition tries each action before handing it back to the queue. */
export interface RetryPolicy {
  /** Attempts per action within one receive, the first included. */
  maxAttempts: number;
  /** Backoff cap before jitter for the first retry; doubles per retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Time budget for the whole message, all actions in parallel. Keep it under the notify
   * function's timeout: what is not delivered by then goes back to SQS and is retried there.
   */
  deadlineMs: number;
}

/** 8 s: the notify function runs ≤ 10 s so the queue's 60 s visibility stays ≥ 6× its timeout. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 8_000 };

/**
 * "Full jitter" backoff: uniform in [0, min(maxDelay, base·2^(n-1))) after the n-th failure.
 * Receivers that come back after an outage are not hit by every notifier at the same instant.
 */
export function backoffDelayMs(failures: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: 'attempts' | 'deadline' };

/**
 * After the `attempts`-th attempt failed retryably: wait and retry, or stop. A server's
 * Retry-After replaces the backoff (asking again sooner would be refused again); a wait that
 * would end at or past the deadline stops now, since the queue's own redelivery is later anyway.
 */
export function decideRetry(input: {
  attempts: number;
  elapsedMs: number;
  retryAfterMs?: number | undefined;
  policy: RetryPolicy;
  random: () => number;
}): RetryDecision {
  const { attempts, elapsedMs, retryAfterMs, policy, random } = input;
  if (attempts >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  const waitMs = retryAfterMs ?? backoffDelayMs(attempts, policy, random);
  if (elapsedMs + waitMs >= policy.deadlineMs) return { retry: false, why: 'deadline' };
  return { retry: true, waitMs };
}
