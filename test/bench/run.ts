/**
 * `npm run bench`: each benchmark runs in a process of its own (so peak RSS is its own),
 * then one JSON document with every result and one summary line per benchmark.
 * Targets are checked by these numbers, not by timed tests.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BENCHES = ['bundles', 'api', 'evaluator', 'evaluator-cost', 'evaluator-rate', 'notifier', 'listener'] as const;
const only = process.argv.slice(2);

if (process.argv[2] === '--one') {
  const name = process.argv[3] as (typeof BENCHES)[number];
  const module = (await import(`./${name}.bench.js`)) as Record<string, () => Promise<{ result: unknown; summary: string }>>;
  const bench = Object.values(module)[0];
  if (!bench) throw new Error(`no benchmark exported by ${name}.bench.ts`);
  process.stdout.write(`${JSON.stringify(await bench())}\n`);
  process.exit(0);
}

const results: Record<string, unknown> = {};
const summaries: string[] = [];
for (const name of BENCHES.filter((bench) => only.length === 0 || only.includes(bench))) {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', name], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const { result, summary } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { result: unknown; summary: string };
  results[name] = result;
  summaries.push(summary);
}
process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n${summaries.join('\n')}\n`);
