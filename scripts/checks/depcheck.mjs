// `npm run depcheck`: the dependency rules of .dependency-cruiser.cjs, plus folder cycles over the same graph.
// A folder is shared/<x>, functions/<x> or infra/<x>; files directly in shared/, functions/ or infra/ (app.ts,
// errors.ts, settings.ts) are roots, not folders. Violations listed in .dependency-cruiser-known-violations.json are
// reported as known and do not fail the run; `--update-known` rewrites that file with today's violations.
// Usage: node scripts/checks/depcheck.mjs [--root DIR] [--update-known]
// Plain node, not tsx: under tsx's loader dependency-cruiser's swc visitor breaks. Type-checked through checkJs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

/** @import { ICruiseResult, IModule, IViolation } from 'dependency-cruiser' */
/** @typedef {Map<string, Map<string, string>>} FolderEdges folder -> folder it imports -> one import that makes that arrow */

/** @type {IViolation['rule']} */
const FOLDER_CYCLE_RULE = { name: 'no-folder-cycle', severity: 'error' };
const TOP_FOLDERS = ['shared', 'functions', 'infra'];

const args = process.argv.slice(2);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : repo;
const knownFile = join(root, '.dependency-cruiser-known-violations.json');

/** shared/alarm-types/x/y.ts -> shared/alarm-types; shared/errors.ts -> undefined (a root file). */
/** @param {string} path @returns {string | undefined} */
function folderOf(path) {
  const parts = path.split('/');
  return parts.length > 2 && TOP_FOLDERS.includes(parts[0] ?? '') ? `${parts[0]}/${parts[1]}` : undefined;
}

/** @param {IModule[]} modules @returns {FolderEdges} */
function folderEdges(modules) {
  /** @type {FolderEdges} */
  const edges = new Map();
  for (const module of modules) {
    const from = folderOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Map();
      edges.set(from, targets);
      if (!targets.has(to)) targets.set(to, `${module.source} -> ${dependency.resolved}`);
    }
  }
  return edges;
}

/** Every elementary cycle once, rotated to start at its smallest folder (bounded: folders are few). */
/** @param {FolderEdges} edges @returns {string[][]} */
function folderCycles(edges) {
  /** @type {Map<string, string[]>} */
  const found = new Map();
  /** @param {string} start @param {string[]} path */
  const walk = (start, path) => {
    for (const next of [...(edges.get(path.at(-1) ?? '')?.keys() ?? [])].sort()) {
      if (next === start) {
        const key = path.join(' -> ');
        if (!found.has(key)) found.set(key, [...path]);
      } else if (next > start && !path.includes(next) && path.length < 12) {
        walk(start, [...path, next]);
      }
    }
  };
  for (const start of [...edges.keys()].sort()) walk(start, [start]);
  return [...found.values()];
}

/** @param {string[]} cycle @param {FolderEdges} edges @returns {IViolation} */
function cycleViolation(cycle, edges) {
  /** @param {string} from @param {number} i */
  const hop = (from, i) => edges.get(from)?.get(cycle[(i + 1) % cycle.length] ?? '');
  return {
    type: 'cycle',
    from: cycle[0] ?? '',
    to: cycle[1] ?? '',
    rule: FOLDER_CYCLE_RULE,
    cycle: [...cycle.slice(1), cycle[0] ?? ''].map((name) => ({ name, dependencyTypes: [] })),
    comment: cycle.map(hop).join('; '),
  };
}

/** @param {IViolation} a @param {IViolation} b */
const sameViolation = (a, b) =>
  a.rule.name === b.rule.name &&
  a.from === b.from &&
  a.to === b.to &&
  JSON.stringify((a.cycle ?? []).map((c) => c.name)) === JSON.stringify((b.cycle ?? []).map((c) => c.name));

/** @param {IViolation} v */
const describe = (v) =>
  v.rule.name === FOLDER_CYCLE_RULE.name
    ? `${v.rule.name}: ${[v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' -> ')}  (${v.comment})`
    : `${v.rule.name}: ${v.from} -> ${v.to}`;

const options = await extractDepcruiseOptions(join(repo, '.dependency-cruiser.cjs'));
const starts = TOP_FOLDERS.filter((folder) => existsSync(join(root, folder)));
const cwd = process.cwd();
process.chdir(root);
const { output } = await cruise(starts, { ...options, baseDir: root, outputType: 'json' });
process.chdir(cwd);
/** @type {ICruiseResult} */
const result = typeof output === 'string' ? JSON.parse(output) : output;
const edges = folderEdges(result.modules);
const violations = [
  ...result.summary.violations.filter((v) => v.rule.severity === 'error'),
  ...folderCycles(edges).map((cycle) => cycleViolation(cycle, edges)),
];

if (args.includes('--update-known')) {
  writeFileSync(knownFile, `${JSON.stringify(violations, null, 2)}\n`);
  console.log(`depcheck: wrote ${violations.length} known violations to ${knownFile}`);
  process.exit(0);
}

/** @type {IViolation[]} */
const known = existsSync(knownFile) ? JSON.parse(readFileSync(knownFile, 'utf8')) : [];
/** @param {IViolation} v */
const isKnown = (v) => known.some((k) => sameViolation(k, v));
const fresh = violations.filter((v) => !isKnown(v));
for (const v of violations.filter(isKnown)) console.log(`known  ${describe(v)}`);
for (const v of fresh) console.log(`error  ${describe(v)}`);
const gone = known.filter((k) => !violations.some((v) => sameViolation(k, v)));
for (const k of gone) console.log(`fixed  ${describe(k)}  -- no longer found: remove it from the known list`);
console.log(
  `depcheck: ${result.summary.totalCruised} modules, ${fresh.length} violations, ${violations.length - fresh.length} known`,
);
process.exit(fresh.length > 0 ? 1 : 0);
