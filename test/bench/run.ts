/**
 * `npm run bench`: runs each benchmark in turn, prints one JSON document with all
 * results and then one summary line per benchmark. Targets are checked here, by
 * numbers, not by timed tests.
 */
import { benchApi } from './api.bench.js';

const benches = { api: benchApi };

const results: Record<string, unknown> = {};
const summaries: string[] = [];
for (const [name, bench] of Object.entries(benches)) {
  const { result, summary } = await bench();
  results[name] = result;
  summaries.push(summary);
}
process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
process.stdout.write(`${summaries.join('\n')}\n`);
