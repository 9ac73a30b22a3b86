import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ConcurrencyBudget, forEachConcurrently } from '../../../shared/services/concurrency.js';

async function* items(count: number): AsyncIterable<number> {
  for (let index = 0; index < count; index++) yield index;
}

function gauge() {
  let running = 0;
  let peak = 0;
  return {
    peak: () => peak,
    async work() {
      running += 1;
      peak = Math.max(peak, running);
      await tick(5);
      running -= 1;
    },
  };
}

describe('ConcurrencyBudget', () => {
  it('keeps at most the limit in flight and serves waiters first come first served', async () => {
    const budget = new ConcurrencyBudget(2);
    const load = gauge();
    const started: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((index) => budget.run(async () => {
      started.push(index);
      await load.work();
    })));
    expect(load.peak()).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('forEachConcurrently over one shared budget', () => {
  it('fills the budget from many small iterables, as an invocation does from many small shards', async () => {
    const budget = new ConcurrencyBudget(20);
    const load = gauge();
    // 50 shards of 3 alarms: a budget per shard would cap the flight at 3 each.
    await Promise.all(Array.from({ length: 50 }, () => forEachConcurrently(items(3), budget, () => load.work())));
    expect(load.peak()).toBe(20);
  });

  it('never exceeds the budget, and finishes every item', async () => {
    const budget = new ConcurrencyBudget(7);
    const load = gauge();
    let done = 0;
    await Promise.all(Array.from({ length: 5 }, () => forEachConcurrently(items(40), budget, async () => {
      await load.work();
      done += 1;
    })));
    expect(load.peak()).toBe(7);
    expect(done).toBe(200);
  });
});
