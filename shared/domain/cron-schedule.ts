import { Cron } from 'croner';

/**
 * A time constraint's cron pattern in its zone, compiled once. Compiling a croner pattern
 * and searching it costs far more than the check itself, and a pattern that never fires
 * (`0 0 30 2 *`) costs tens of milliseconds per search, so every evaluation of every alarm
 * shares one compiled schedule per (pattern, zone) and learns "never fires" only once.
 */
export interface CronSchedule {
  /** False for a pattern no date satisfies (Feb 30, Apr 31): it will never fire. */
  readonly firesEver: boolean;
  /** The earliest fire at or after `ms`, or undefined. */
  nextAtOrAfter(ms: number): number | undefined;
  /** The latest fire at or before `ms`, or undefined. */
  latestAtOrBefore(ms: number): number | undefined;
}

/**
 * Bounds the cache: distinct (pattern, zone) pairs across every tenant's alarms. A hostile
 * tenant can create many, so the oldest are dropped and recompiled when next needed.
 */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, CronSchedule>();

const NEVER: CronSchedule = { firesEver: false, nextAtOrAfter: () => undefined, latestAtOrBefore: () => undefined };

function compile(pattern: string, timezone: string): CronSchedule {
  const cron = new Cron(pattern, { timezone: timezone === '' ? 'UTC' : timezone, paused: true });
  // Cron patterns repeat yearly at worst (leap days every four years), so no fire from now means none ever.
  if (!cron.nextRun(new Date())) return NEVER;
  // The fires either side of the last instant asked about: evaluations of a cycle ask about
  // nearly the same instant, so most checks fall between the same two fires and search nothing.
  let latest: number | undefined;
  let next: number | undefined;
  const around = (ms: number): void => {
    if (latest !== undefined && next !== undefined && latest <= ms && ms < next) return;
    // previousRuns is strictly before its reference: one millisecond on includes a fire at ms.
    latest = cron.previousRuns(1, new Date(ms + 1))[0]?.getTime();
    next = cron.nextRun(new Date(ms))?.getTime();
  };
  return {
    firesEver: true,
    nextAtOrAfter(ms) {
      around(ms);
      return latest === ms ? ms : next;
    },
    latestAtOrBefore(ms) {
      around(ms);
      return latest;
    },
  };
}

/** Throws croner's error for a pattern it cannot parse; validation has refused those already. */
export function cronSchedule(pattern: string, timezone: string): CronSchedule {
  const key = `${timezone}\u0000${pattern}`;
  let schedule = cache.get(key);
  if (schedule) return schedule;
  schedule = compile(pattern, timezone);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, schedule);
  return schedule;
}
