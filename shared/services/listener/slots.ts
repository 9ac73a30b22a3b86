/**
 * At most `limit` tasks in flight: `slot(task)` starts `task` once a slot is free, first come
 * first served. Unlike forEachConcurrently it takes tasks as they are handed over, which the
 * listener needs: its firings are queued in batch order first and reach the limit later.
 */
export function slots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const size = Math.max(1, limit);
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < size) running += 1;
    // A freed slot is handed straight to the next waiter, so `running` stays counted for it.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else running -= 1;
    }
  };
}
