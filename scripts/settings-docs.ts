/**
 * Rewrites the settings tables of README.md from shared/settings/table.ts: each region between
 * `<!-- settings:<section> -->` and `<!-- /settings:<section> -->` becomes the table of that
 * section (`deploy` = every CDK context key). `npm run docs:settings` writes the file;
 * `--check` only reports drift (exit 1), as test/unit/settings/readme.test.ts does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Section, Setting } from '../shared/settings/setting.js';
import { SETTINGS } from '../shared/settings/table.js';

type Row = Setting & { key: string };

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));
const ROWS = Object.values(SETTINGS) as Row[];
const SECTIONS: readonly Section[] = ['api', 'local', 'evaluator', 'listener', 'notifier', 'wiring', 'deploy'];

const code = (value: string | number | boolean) => `\`${value}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

function values(row: Row, check?: { expected: string }): string {
  if (check) return check.expected;
  switch (row.kind) {
    case 'text':
      return 'text';
    case 'integer':
      if (row.max !== undefined) return `integer ${row.min ?? ''}–${row.max}`;
      return row.min === undefined ? 'integer' : `integer ≥ ${row.min}`;
    case 'flag':
      return '`true`, `false`';
    case 'choice':
      return row.choices.map(code).join(', ');
    case 'list':
      return 'comma-separated list';
    case 'port':
      return 'TCP port';
  }
}

function shownDefault(row: Row, deployed: boolean): string {
  if (row.shownDefault && !deployed) return row.shownDefault;
  const value: unknown = row.default;
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : code(value.join(','));
  if (value === undefined) return row.kind === 'text' && row.required ? 'set by the deployment' : 'unset';
  return code(value as string | number | boolean);
}

function environmentTable(section: Section): string[] {
  const lines = ['| Variable | Default | Values | Meaning |', '|---|---|---|---|'];
  for (const row of ROWS.filter((r) => r.section === section && r.env)) {
    // A text's context check says what it is (a URL…); other kinds' checks are synth-only limits.
    const check = row.kind === 'text' && row.context && row.context !== true ? row.context.check : undefined;
    lines.push(`| ${code(row.env ?? '')} | ${cell(shownDefault(row, false))} | ${cell(values(row, check))} | ${cell(row.doc)} |`);
  }
  return lines;
}

function deployTable(): string[] {
  const lines = ['| Context key | Default | Values | Meaning |', '|---|---|---|---|'];
  const withContext = ROWS.filter((r) => r.context);
  // Deploy-only keys first: they shape the stacks; the rest set function variables.
  for (const row of [...withContext.filter((r) => r.section === 'deploy'), ...withContext.filter((r) => r.section !== 'deploy')]) {
    const context = row.context === true ? {} : (row.context ?? {});
    const meaning = `${context.doc ?? row.doc}${row.env ? ` Sets ${code(row.env)}.` : ''}`;
    lines.push(`| ${code(row.key)} | ${cell(shownDefault(row, true))} | ${cell(values(row, context.check))} | ${cell(meaning)} |`);
  }
  return lines;
}

/** README text with every marked region regenerated; throws on a missing or unclosed marker. */
export function renderReadme(readme: string): string {
  let text = readme;
  for (const section of SECTIONS) {
    const open = `<!-- settings:${section} -->`;
    const close = `<!-- /settings:${section} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md lacks the region ${open} … ${close}`);
    const table = section === 'deploy' ? deployTable() : environmentTable(section);
    text = `${text.slice(0, start + open.length)}\n${table.join('\n')}\n${text.slice(end)}`;
  }
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const current = readFileSync(README_PATH, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stderr.write('README.md settings tables are out of date: run `npm run docs:settings`\n');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(README_PATH, next);
    process.stdout.write('README.md settings tables regenerated\n');
  }
}
