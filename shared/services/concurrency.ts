/**
 * Runs `work` over an async iterable with at most `limit` calls in flight, pulling the
 * next item only when a slot frees up. The backpressure is the point: a shard of 100,000
 * alarms is read page by page and never held in memory at once. `work` handles its own
 * errors: one rejection would otherwise abandon the calls still in flight.
 */
export async function forEachConcurrently<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const task: Promise<void> = work(item).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}
