/**
 * A pool of `limit` slots shared by every task that draws on it: one invocation's evaluation
 * budget across all its shards, whatever their sizes, or the listener's firings. Slots go
 * first come, first served, and a freed slot is handed straight to the next waiter.
 */
export class ConcurrencyBudget {
  private readonly size: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.size = Math.max(1, limit);
  }

  /** Resolves once a slot is this caller's; pair with one release(). */
  async acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // Handed over: `running` stays counted for the waiter.
    if (next !== undefined) next();
    else this.running -= 1;
  }

  /** Runs `task` in a slot, waiting for one if all are taken. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/**
 * Runs `work` over an async iterable, pulling the next item only once a slot of `budget`
 * is free (a number makes a budget of its own). The backpressure is the point: a shard of
 * 100,000 alarms is read page by page and never held in memory at once, and several shards
 * drawing on one budget keep it full however their alarms are spread. `work` handles its
 * own errors: one rejection would otherwise abandon the calls still in flight.
 */
export async function forEachConcurrently<T>(items: AsyncIterable<T>, budget: number | ConcurrencyBudget, work: (item: T) => Promise<void>): Promise<void> {
  const slots = typeof budget === 'number' ? new ConcurrencyBudget(budget) : budget;
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    await slots.acquire();
    const task: Promise<void> = work(item).finally(() => {
      slots.release();
      running.delete(task);
    });
    running.add(task);
  }
  await Promise.all(running);
}
