/**
 * Bundles the console with esbuild (as the functions are): one minified, content-hashed script, and an index.html
 * that names it. Nothing is fetched from elsewhere at run time (no CDN).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type BuildResult, build, buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_OUT = resolve(here, '../.local/console');

// uPlot lays its canvas and axes out with its own stylesheet; inlined like ours, so the page loads one script only.
const UPLOT_STYLE = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');
const STYLE = `${UPLOT_STYLE}body{font:16px system-ui,sans-serif;color:#111;background:#fff;margin:1rem}a{color:#0645ad}table{border-collapse:collapse}td,th{border:1px solid #767676;padding:.25rem .5rem}button,input,select{font:inherit;margin:.2rem}:focus-visible{outline:3px solid #0645ad}.field-error{color:#a00000;margin-left:.5rem}textarea{font:14px monospace}`;

/** Written beside its final name, then renamed: a reader of the directory sees the old file or the new, never half. */
function writeAtomically(path: string, content: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

const OPTIONS = { entryPoints: [resolve(here, 'src/main.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022', entryNames: '[name]-[hash]', logLevel: 'silent', write: false } satisfies BuildOptions;

/** Writes the bundle, then the index.html naming it, then drops files of older builds. */
function writeBuild(result: BuildResult<typeof OPTIONS & { outdir: string }>, out: string): string {
  const scripts = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  const script = scripts[0] && basename(scripts[0].path);
  if (!script) throw new Error('console build produced no script');
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const index = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Aodh console</title><style>${STYLE}</style></head><body><div id="app"></div><script type="module" src="/console/${script}"></script></body></html>`;
  writeAtomically(resolve(out, 'index.html'), index);
  const current = new Set([...result.outputFiles.map((file) => basename(file.path)), 'index.html']);
  for (const name of readdirSync(out)) if (!current.has(name) && !name.endsWith('.tmp')) rmSync(resolve(out, name), { force: true });
  return out;
}

/**
 * Builds into `out` without emptying it first: several `npm start`s (parallel test files) share .local/console and
 * serve from it while another builds. The bundle's name is its content hash, so equal sources write equal files;
 * bundles of other sources are removed once the new index.html names the new one.
 */
export async function buildConsole(out = CONSOLE_OUT): Promise<string> {
  mkdirSync(out, { recursive: true });
  return writeBuild(await build({ ...OPTIONS, outdir: out }), out);
}

/** The same build, synchronous: CDK constructs cannot await, and synth must see the files (as NodejsFunction bundles). */
export function buildConsoleSync(out: string): string {
  mkdirSync(out, { recursive: true });
  return writeBuild(buildSync({ ...OPTIONS, outdir: out }), out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void buildConsole().then((out) => process.stdout.write(`console built in ${out}\n`));
