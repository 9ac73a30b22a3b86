import { build } from 'esbuild';
import { round } from './stats.js';

const FUNCTIONS = ['api', 'evaluate', 'notify', 'listen'] as const;
const LIMIT_BYTES = 1024 * 1024;

/**
 * The four Lambda bundles as the CDK builds them (esbuild, ESM, node22, minified, AWS SDK
 * external since the runtime ships it), sized from esbuild's metafile; the target is < 1 MB each.
 */
export async function benchBundles() {
  const sizes: Record<string, number> = {};
  const heaviest: Record<string, string[]> = {};
  for (const name of FUNCTIONS) {
    const result = await build({
      entryPoints: [`functions/${name}/handler.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: true,
      external: ['@aws-sdk/*'],
      write: false,
      metafile: true,
      outfile: `out/${name}.mjs`,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0];
    sizes[name] = output?.bytes ?? 0;
    heaviest[name] = Object.entries(output?.inputs ?? {})
      .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
      .slice(0, 3)
      .map(([path, input]) => `${path.replace(/^node_modules\//, '')} ${round(input.bytesInOutput / 1024, 0)} kB`);
  }
  const result = { bytes: sizes, limit_bytes: LIMIT_BYTES, all_under_limit: Object.values(sizes).every((bytes) => bytes < LIMIT_BYTES), heaviest_inputs: heaviest };
  const summary = `bundles: ${FUNCTIONS.map((name) => `${name} ${round((sizes[name] ?? 0) / 1024, 0)} kB`).join(', ')} (limit 1024 kB each; ${result.all_under_limit ? 'all under' : 'OVER'})`;
  return { result, summary };
}
