/**
 * Batch order inside one listener process (§5.4). Aodh's listener walks a batch one event at a
 * time, so with repeat_actions every matching event records and notifies, and without it the
 * first matching event of the batch is the one in the reason. Here the events of a batch arrive
 * as concurrent invocations of the same handler (the local bus invokes every PutEvents entry at
 * once), so two of them would race for the same alarm's version-conditional write.
 *
 * Two orders keep Aodh's answer without serialising unrelated work:
 *  - per project, the candidate read and the check, queued synchronously when the event
 *    arrives (before the handler's first await), so arrival order is queue order;
 *  - per alarm, the firings those checks found, queued in the same order and run one after
 *    the other, each with the newest copy of the alarm this process wrote.
 * Different projects and different alarms still run concurrently.
 */
import type { Alarm } from '../domain/alarm.js';

const settle = (): undefined => undefined;

/** FIFO chains by key: a task starts once every task queued before it under its key has settled. */
class KeyedChains {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // Tails never reject, so one task's failure never blocks or fails the next.
    const result = previous.then(task);
    const tail = result.then(settle, settle);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}

/** What one firing leaves behind: its result, and the newest copy of the alarm it knows of. */
export interface Fired<T> {
  result: T;
  after?: Alarm;
}

const newer = (a: Alarm, b: Alarm | undefined): Alarm => (b !== undefined && b.version > a.version ? b : a);

export class EventOrder {
  private readonly projects = new KeyedChains();
  private readonly alarms = new KeyedChains();
  /** Newest copy per alarm while firings for it are queued; forgotten once its chain drains. */
  private readonly latest = new Map<string, { alarm: Alarm; queued: number }>();

  /** Runs `check` after the checks of every event of `project` that arrived before this one. */
  inProjectOrder<T>(project: string, check: () => Promise<T>): Promise<T> {
    return this.projects.run(project, check);
  }

  /**
   * Queues a firing of `alarm` (synchronously, behind those already queued for it) and runs
   * `fire` in its turn with the newest copy known: the candidate as read, or what an earlier
   * firing of this process wrote since.
   */
  inAlarmOrder<T>(alarm: Alarm, fire: (current: Alarm) => Promise<Fired<T>>): Promise<T> {
    const id = alarm.alarm_id;
    const entry = this.latest.get(id) ?? { alarm, queued: 0 };
    entry.queued += 1;
    this.latest.set(id, entry);
    return this.alarms.run(id, async () => {
      try {
        const fired = await fire(newer(alarm, entry.alarm));
        if (fired.after !== undefined) entry.alarm = newer(entry.alarm, fired.after);
        return fired.result;
      } finally {
        entry.queued -= 1;
        if (entry.queued === 0 && this.latest.get(id) === entry) this.latest.delete(id);
      }
    });
  }

  /** Keys with queued work (projects + alarms): zero when idle, so nothing accumulates. */
  get pending(): number {
    return this.projects.size + this.alarms.size + this.latest.size;
  }
}
