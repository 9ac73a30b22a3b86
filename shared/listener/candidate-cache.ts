/**
 * Candidate event alarms per project (§5.2), cached in the Lambda's memory for a short TTL, as
 * Aodh's listener caches them (`event_alarm_cache_ttl`, default 60 s; 0 disables).
 *
 * Correct when the listener changes state itself: `replace()` writes the new alarm into the
 * cached list, so an alarm that just fired without repeat_actions is skipped by the next event
 * of the same batch instead of firing again from a stale `ok`. A replacement never goes back in
 * time (versions only move forward), and one made while the list is still loading is applied
 * to the list when it arrives, since the Query may have read before that write.
 * Concurrent `get`s of a project share one load; a failed load is not cached.
 */
import type { Alarm } from '../domain/alarm.js';
import type { Clock } from '../domain/time.js';

export interface CandidateCacheOptions {
  /** Seconds a project's list is reused; 0 disables the cache (every get loads). */
  ttlSeconds: number;
  clock: Clock;
  /** Projects kept at most; the least recently loaded goes first. Bounds memory across many projects. */
  maxProjects?: number;
}

interface Entry {
  expiresAt: number;
  alarms?: readonly Alarm[];
  loading?: Promise<readonly Alarm[]>;
  /** Replacements made while `loading`, applied to its result. */
  pending: Map<string, Alarm>;
}

function withReplacement(alarms: readonly Alarm[], alarm: Alarm): readonly Alarm[] {
  const index = alarms.findIndex((item) => item.alarm_id === alarm.alarm_id);
  if (index < 0 || (alarms[index]?.version ?? 0) > alarm.version) return alarms;
  // A new array: a caller iterating the previous one for the current event is not disturbed.
  return alarms.map((item, at) => (at === index ? alarm : item));
}

export class CandidateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly maxProjects: number;

  constructor(options: CandidateCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlSeconds) * 1000;
    this.clock = options.clock;
    this.maxProjects = Math.max(1, options.maxProjects ?? 10_000);
  }

  /** The project's candidates: cached while fresh, else `load()` (an index Query, never a Scan). */
  async get(project: string, load: () => Promise<Alarm[]>): Promise<readonly Alarm[]> {
    if (this.ttlMs === 0) return load();
    const now = this.clock.now().getTime();
    const entry = this.entries.get(project);
    if (entry !== undefined && entry.expiresAt > now) {
      if (entry.alarms !== undefined) return entry.alarms;
      if (entry.loading !== undefined) return entry.loading;
    }
    const fresh: Entry = { expiresAt: now + this.ttlMs, pending: new Map() };
    const loading = load().then(
      (alarms) => {
        let list: readonly Alarm[] = alarms;
        for (const alarm of fresh.pending.values()) list = withReplacement(list, alarm);
        fresh.alarms = list;
        fresh.loading = undefined;
        fresh.pending.clear();
        return list;
      },
      (error: unknown) => {
        if (this.entries.get(project) === fresh) this.entries.delete(project);
        throw error;
      },
    );
    fresh.loading = loading;
    this.entries.delete(project);
    this.entries.set(project, fresh);
    this.evict();
    return loading;
  }

  /** Writes the listener's own change of `alarm` into its project's cached list (§5.2). */
  replace(alarm: Alarm): void {
    const entry = this.entries.get(alarm.project_id);
    if (entry === undefined) return;
    if (entry.alarms !== undefined) {
      entry.alarms = withReplacement(entry.alarms, alarm);
      return;
    }
    const waiting = entry.pending.get(alarm.alarm_id);
    if (waiting === undefined || waiting.version <= alarm.version) entry.pending.set(alarm.alarm_id, alarm);
  }

  /** Forgets a project's list (e.g. after losing a write race: the cached alarm is stale). */
  invalidate(project: string): void {
    this.entries.delete(project);
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    // Map order is insertion order and `get` re-inserts on load, so the first key is the oldest load.
    while (this.entries.size > this.maxProjects) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) return;
      this.entries.delete(oldest.value);
    }
  }
}
