import type { AlarmState } from '../../domain/alarm.js';
import {
  type AlarmCounters,
  type CounterIncrement,
  type EvaluationCounters,
  stateCounters,
  wrapCounter,
} from '../../ports/evaluation-counters.js';

interface Stored {
  projectId: string;
  counted: Partial<Record<AlarmState, number>>;
}

/** The evaluation counters in process memory (unit tests, local runs without an emulator). */
export class MemoryEvaluationCounters implements EvaluationCounters {
  private readonly byAlarm = new Map<string, Stored>();
  /** Deleted alarms: a late increment must not bring their counters back (the DynamoDB adapter's tombstones). */
  private readonly deleted = new Set<string>();

  async increment(entries: readonly CounterIncrement[]): Promise<void> {
    for (const { alarmId, projectId, state } of entries) {
      if (this.deleted.has(alarmId)) continue;
      const stored = this.byAlarm.get(alarmId) ?? { projectId, counted: {} };
      stored.projectId = projectId;
      stored.counted[state] = wrapCounter((stored.counted[state] ?? 0) + 1);
      this.byAlarm.set(alarmId, stored);
    }
  }

  async *list(scope: { projectId?: string }): AsyncIterable<AlarmCounters> {
    const alarmIds = [...this.byAlarm.keys()].sort();
    for (const alarmId of alarmIds) {
      const stored = this.byAlarm.get(alarmId);
      if (!stored || (scope.projectId !== undefined && stored.projectId !== scope.projectId)) continue;
      yield { alarm_id: alarmId, project_id: stored.projectId, state_counters: stateCounters(stored.counted) };
    }
  }

  async deleteFor(alarmId: string): Promise<void> {
    this.byAlarm.delete(alarmId);
    this.deleted.add(alarmId);
  }

  /** Sets a counter directly, for tests that start near the wrap-around point. */
  seed(alarmId: string, projectId: string, state: AlarmState, value: number): void {
    const stored = this.byAlarm.get(alarmId) ?? { projectId, counted: {} };
    stored.counted[state] = value;
    this.byAlarm.set(alarmId, stored);
  }
}
