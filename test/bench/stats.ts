/** Small helpers shared by the benchmarks: latency percentiles and peak RSS sampling. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function summarise(samples: number[], elapsedMs: number) {
  return {
    count: samples.length,
    ops_per_s: round((samples.length / elapsedMs) * 1000, 1),
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
  };
}

/** Heap in use after a full GC (needs node --expose-gc; falls back to the live figure). */
export function settledHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return round(process.memoryUsage().heapUsed / 1024 / 1024, 1);
}

/** Samples this process's RSS every 50 ms; `peakMb()` reads the maximum so far. */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  timer.unref();
  return {
    peakMb: () => round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, 1),
    stop: () => clearInterval(timer),
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; returns per-call latencies (ms). */
export async function timedPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const start = performance.now();
      await task(index);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}
