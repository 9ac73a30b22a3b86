import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../shared/services/notification/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 10_000 };
const almostOne = 1 - Number.EPSILON;

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    [1, 200],
    [2, 400],
    [3, 800],
    [5, 3_200],
    [6, 5_000],
    [30, 5_000],
  ])('after failure %i draws from [0, %i)', (failures, ceiling) => {
    expect(backoffDelayMs(failures, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(failures, policy, () => 0.5)).toBe(ceiling / 2);
    expect(backoffDelayMs(failures, policy, () => almostOne)).toBe(ceiling - 1);
  });

  it('stays within [0, min(max, base·2^(n-1))) for any draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: almostOne, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), (failures, draw, base) => {
        const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (failures - 1));
        const delay = backoffDelayMs(failures, { baseDelayMs: base, maxDelayMs: policy.maxDelayMs }, () => draw);
        return Number.isInteger(delay) && delay >= 0 && delay < Math.max(ceiling, 1);
      }),
    );
  });
});

describe('decideRetry', () => {
  const random = () => 0.5;

  it('retries after the jittered backoff while attempts and time remain', () => {
    expect(decideRetry({ attempts: 1, elapsedMs: 0, policy, random })).toEqual({ retry: true, waitMs: 100 });
    expect(decideRetry({ attempts: 3, elapsedMs: 0, policy, random })).toEqual({ retry: true, waitMs: 400 });
  });

  it('stops after maxAttempts', () => {
    expect(decideRetry({ attempts: 4, elapsedMs: 0, policy, random })).toEqual({ retry: false, why: 'attempts' });
  });

  it('uses the server’s Retry-After instead of the backoff, even above maxDelayMs', () => {
    expect(decideRetry({ attempts: 1, elapsedMs: 0, retryAfterMs: 7_000, policy, random })).toEqual({ retry: true, waitMs: 7_000 });
    expect(decideRetry({ attempts: 1, elapsedMs: 0, retryAfterMs: 0, policy, random })).toEqual({ retry: true, waitMs: 0 });
  });

  it('stops when the wait would reach the deadline (the queue redelivers later anyway)', () => {
    expect(decideRetry({ attempts: 1, elapsedMs: 9_900, policy, random })).toEqual({ retry: false, why: 'deadline' });
    expect(decideRetry({ attempts: 1, elapsedMs: 9_899, policy, random })).toEqual({ retry: true, waitMs: 100 });
    expect(decideRetry({ attempts: 1, elapsedMs: 1_000, retryAfterMs: 9_000, policy, random })).toEqual({ retry: false, why: 'deadline' });
  });

  it('never schedules past the deadline nor beyond maxAttempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
        fc.double({ min: 0, max: almostOne, noNaN: true }),
        (attempts, elapsedMs, retryAfterMs, draw) => {
          const decision = decideRetry({ attempts, elapsedMs, retryAfterMs, policy, random: () => draw });
          if (!decision.retry) return true;
          return attempts < policy.maxAttempts && elapsedMs + decision.waitMs < policy.deadlineMs;
        },
      ),
    );
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 8_000 });
  });
});
