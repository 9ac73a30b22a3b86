import type { Alarm } from '../domain/alarm.js';
import type { Silence, SilenceMatcher, SilenceState } from '../domain/silence.js';
import { parseTimestamp } from '../domain/time.js';
import { withinTimeConstraint } from '../evaluation/time-constraints.js';
import { compileGlob, globMatch, type Glob } from '../python/fnmatch.js';

/** What matching reads of an alarm: the matcher attributes and nothing else. */
export type SilenceableAlarm = Pick<Alarm, 'alarm_id' | 'name' | 'type' | 'severity' | 'project_id'>;

/**
 * Compiled `alarm_name` globs, shared by every check: a notifier run tests the same few
 * silences against many alarms. Bounded like the cron cache; the oldest are recompiled when
 * needed again. Compiling is linear in the pattern (at most 255 characters), and matching
 * never backtracks (python/fnmatch.ts), so no glob can stall a check.
 */
const GLOB_CACHE_LIMIT = 1_000;
const globs = new Map<string, Glob>();

function globFor(pattern: string): Glob {
  let glob = globs.get(pattern);
  if (glob) return glob;
  glob = compileGlob(pattern);
  if (globs.size >= GLOB_CACHE_LIMIT) globs.delete(globs.keys().next().value as string);
  globs.set(pattern, glob);
  return glob;
}

function matcherMatches(matcher: SilenceMatcher, alarm: SilenceableAlarm): boolean {
  switch (matcher.name) {
    case 'alarm_name':
      return globMatch(globFor(matcher.value), alarm.name);
    case 'alarm_id':
      return alarm.alarm_id === matcher.value;
    case 'type':
      return alarm.type === matcher.value;
    case 'severity':
      return alarm.severity === matcher.value;
    case 'project_id':
      return alarm.project_id === matcher.value;
  }
}

/**
 * Every matcher matches the alarm, whatever the time. A silence reaches only the alarms of
 * its own project, unless it has a `project_id` matcher (admins only, checked at create):
 * then that matcher alone decides the project, so an admin can silence another project's
 * alarms. An empty matcher list (refused by the API) matches nothing rather than everything.
 */
export function matchersMatch(silence: Pick<Silence, 'matchers' | 'project_id'>, alarm: SilenceableAlarm): boolean {
  if (silence.matchers.length === 0) return false;
  const projectMatched = silence.matchers.some((matcher) => matcher.name === 'project_id');
  if (!projectMatched && alarm.project_id !== silence.project_id) return false;
  return silence.matchers.every((matcher) => matcherMatches(matcher, alarm));
}

/** A stored timestamp in ms; an unreadable one (never written by us) reads as "no bound". */
function ms(timestamp: string | null): number | undefined {
  return timestamp === null ? undefined : parseTimestamp(timestamp)?.getTime();
}

/** pending before `starts_at`, expired from `ends_at` on (null = never), active in between. */
export function silenceState(silence: Pick<Silence, 'starts_at' | 'ends_at'>, now: Date): SilenceState {
  const nowMs = now.getTime();
  const start = ms(silence.starts_at);
  const end = ms(silence.ends_at);
  if (start !== undefined && nowMs < start) return 'pending';
  if (end !== undefined && nowMs >= end) return 'expired';
  return 'active';
}

/**
 * The silence suppresses at `now`: it is active, and for a recurring silence `now` lies in
 * one of its windows, read exactly as an alarm's time constraint (§3.2: the window opens at a
 * fire and lasts `duration` seconds; within a minute before a fire counts as on it).
 */
export function silenceWindowOpen(silence: Pick<Silence, 'starts_at' | 'ends_at' | 'recurring'>, now: Date): boolean {
  if (silenceState(silence, now) !== 'active') return false;
  return silence.recurring === null || withinTimeConstraint(silence.recurring, now);
}

/** The silence applies to this alarm at `now`: its window is open and every matcher matches. */
export function silenceMatches(silence: Silence, alarm: SilenceableAlarm, now: Date): boolean {
  // Matchers first: they are cheaper than a recurring window's cron search.
  return matchersMatch(silence, alarm) && silenceWindowOpen(silence, now);
}

/**
 * The first silence (in the order given, which callers keep stable, e.g. by silence_id) that
 * applies to the alarm at `now`, or undefined. One is enough to suppress; the first is the
 * one "suppressed by silence <id>" names.
 */
export function activeSilenceFor(silences: readonly Silence[], alarm: SilenceableAlarm, now: Date): Silence | undefined {
  return silences.find((silence) => silenceMatches(silence, alarm, now));
}
