/**
 * Bundles the console with esbuild (as the functions are): one minified, content-hashed script, and an index.html
 * that names it. Nothing is fetched from elsewhere at run time (no CDN).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_OUT = resolve(here, '../.local/console');

const STYLE = 'body{font:16px system-ui,sans-serif;color:#111;background:#fff;margin:1rem}a{color:#0645ad}table{border-collapse:collapse}td,th{border:1px solid #767676;padding:.25rem .5rem}button,input,select{font:inherit;margin:.2rem}:focus-visible{outline:3px solid #0645ad}.field-error{color:#a00000;margin-left:.5rem}textarea{font:14px monospace}';

export async function buildConsole(out = CONSOLE_OUT): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({ entryPoints: [resolve(here, 'src/main.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022', outdir: out, entryNames: '[name]-[hash]', logLevel: 'silent' });
  const script = readdirSync(out).find((name) => name.endsWith('.js'));
  if (!script) throw new Error('console build produced no script');
  const index = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Aodh console</title><style>${STYLE}</style></head><body><div id="app"></div><script type="module" src="/console/${script}"></script></body></html>`;
  writeFileSync(resolve(out, 'index.html'), index);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void buildConsole().then((out) => process.stdout.write(`console built in ${out}\n`));
