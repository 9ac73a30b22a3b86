import type { AlarmState, JsonObject, StateDetail } from '../domain/alarm.js';

/**
 * What an evaluation asks of Aodh's `_refresh` (§3.4): move to (or remain in) `state`
 * with this reason. `_refresh` itself decides between a transition (state changed,
 * or `alwaysRecord`), a repeat notification (same state and repeat_actions), or nothing.
 * `undefined` from an evaluator means "do nothing at all" (e.g. held trending state).
 */
export interface Decision {
  state: AlarmState;
  reason: string;
  reasonData: JsonObject;
  /**
   * Beyond Aodh (pending_period/recovery_period): the alarm's state_detail to store with this
   * decision, null to clear it; undefined leaves it alone (every Aodh decision). A changed
   * detail with an unchanged state is written with a history row but notifies no one.
   */
  stateDetail?: StateDetail | null;
}
