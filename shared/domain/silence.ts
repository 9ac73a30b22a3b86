/**
 * A silence (beyond Aodh, issue 14): for a while, notifications of the alarms it matches are
 * suppressed. Evaluation goes on, so state and history stay fresh. Field names follow the
 * API in snake_case as Alarm's do; the shape borrows Alertmanager's silence (matchers that all
 * have to match, `startsAt`/`endsAt`, `createdBy`, `comment`, a derived pending/active/expired
 * state) and adds recurring windows, written as Aodh's time constraints are.
 */

/** The alarm attributes a matcher may test. `project_id` is for admins (a silence otherwise stays in its project). */
export const SILENCE_MATCHER_NAMES = ['alarm_id', 'alarm_name', 'type', 'severity', 'project_id'] as const;
export type SilenceMatcherName = (typeof SILENCE_MATCHER_NAMES)[number];

/**
 * One condition on an alarm. `alarm_name` values are fnmatch globs (`*`, `?`, `[..]`,
 * case-sensitive, whole name, as Aodh matches event types); every other value is compared
 * exactly. Unlike Alertmanager there is no `isRegex`/`isEqual`: globs cover the common case
 * ("every alarm named web-*") without a regex language in the API.
 */
export interface SilenceMatcher {
  name: SilenceMatcherName;
  value: string;
}

/**
 * A window that comes back: it opens at every fire of `start` (cron, in `timezone`) and stays
 * open `duration` seconds, with exactly the semantics of an alarm's time constraint (§3.2).
 * Called `recurring` in the API (`"recurring": {"start": "0 22 * * 6", "duration": 7200,
 * "timezone": "Europe/Berlin"}`): its presence is what makes a silence recurring.
 */
export interface RecurringWindow {
  /** 5-field cron expression (or a croniter nickname such as `@daily`). */
  start: string;
  /** Seconds the window stays open after each fire. */
  duration: number;
  /** IANA zone the cron expression is read in; stored explicitly (`UTC` when the client gave none). */
  timezone: string;
}

/**
 * A silence as stored. Timestamps are naive-UTC ISO 8601 as every Aodh timestamp
 * (`formatTimestamp`), so they compare as strings.
 *
 * The window is [starts_at, ends_at) for both kinds:
 * - one-off (`recurring` null): suppresses throughout; `ends_at` is required and bounded by the
 *   maximum TTL, so no one-off silence can be forgotten for long;
 * - recurring: `starts_at`/`ends_at` bound the series (when it takes effect and, if not null,
 *   when it stops), and within them only the recurring windows suppress.
 */
export interface Silence {
  silence_id: string;
  /** The project whose alarms it silences (unless an admin's `project_id` matcher says otherwise). */
  project_id: string;
  /** The owner: who may change it with member rights, and whom `expiry_actions` warn. */
  user_id: string;
  /** Free text naming the person or tool responsible (Alertmanager's `createdBy`); defaults to the creator's user id. */
  created_by: string;
  /** Why: required, so whoever finds the silence later knows whether it is still needed. */
  comment: string;
  /** All must match (AND); never empty: an empty list would silence the whole project. */
  matchers: SilenceMatcher[];
  starts_at: string;
  /** Required for one-off silences; null for a recurring series that never stops. */
  ends_at: string | null;
  recurring: RecurringWindow | null;
  /**
   * When the silence ends and a matched alarm is still in the state it was silenced in, one
   * notification goes out (so a still-firing alarm is not lost behind an expired silence).
   */
  notify_on_end: boolean;
  /** Action URLs (any registered notifier scheme) warned before the silence ends; [] for none. */
  expiry_actions: string[];
  /** Created. */
  timestamp: string;
  updated_at: string;
}

/**
 * Derived, never stored (Alertmanager's `status.state`): `pending` before `starts_at`,
 * `expired` from `ends_at` on, `active` in between. A recurring series is `active` for its
 * whole span, also between its windows; whether it suppresses at an instant is the matcher's
 * business (shared/silences/match.ts).
 */
export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];
