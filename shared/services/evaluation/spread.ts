import { createHash } from 'node:crypto';
import type { ConcurrencyBudget } from '../concurrency.js';

/** The evaluator's time: the deps' clock, and a sleep that tests replace with virtual time. */
export interface SpreadTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Window (ms) of EVALUATION_SPREAD_PERCENT of the interval; 0 evaluates every alarm at the tick. */
export function spreadWindowMs(intervalSeconds: number, percent: number): number {
  return Math.floor((intervalSeconds * 1000 * percent) / 100);
}

/**
 * An alarm's stable offset in [0, windowMs): the same point of every cycle, so each alarm is
 * still evaluated once per interval. Bytes 4–7 of the id's MD5, not bytes 0–3 that pick its
 * shard (domain/shard.ts): a shard group is a contiguous range of shards, and offsets drawn
 * from the same bits would bunch up within it.
 */
export function spreadOffsetMs(alarmId: string, windowMs: number): number {
  if (windowMs <= 0) return 0;
  const fraction = createHash('md5').update(alarmId).digest().readUInt32BE(4) / 2 ** 32;
  return Math.floor(fraction * windowMs);
}

/**
 * Like forEachConcurrently, but each item first waits until `dueAt(item)`, holding no slot of
 * the budget while it waits (a waiting alarm must not keep a due one from running). The price
 * is memory: the listing is drained at the tick, so every alarm of the invocation is held until
 * its offset (about 1 kB each; 62,500 alarms per invocation at 1M alarms and 16 groups).
 */
export async function forEachAtOffset<T>(
  items: AsyncIterable<T>,
  budget: ConcurrencyBudget,
  timing: SpreadTiming,
  dueAt: (item: T) => number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const task: Promise<void> = (async () => {
      const wait = dueAt(item) - timing.now();
      if (wait > 0) await timing.sleep(wait);
      await budget.run(() => work(item));
    })().finally(() => running.delete(task));
    running.add(task);
  }
  await Promise.all(running);
}
