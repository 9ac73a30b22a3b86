// Every static check of `npm test` can fail: each one runs here, with the project's own configuration, on a tiny
// deliberately bad tree in a temp dir, and must fail naming the problem (and pass once the problem is gone).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
const SLOW = 120_000; // the machine is shared; tsc and Biome start a native binary each

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir holding `files` (path -> text). */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aodh-checks-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('typecheck (tsc --noEmit)', { timeout: SLOW }, () => {
  const compilerOptions = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')).compilerOptions;
  const project = (source: string) =>
    tree({
      'package.json': JSON.stringify({ type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { ...compilerOptions, types: [] }, include: ['*.ts'] }),
      'bad.ts': source,
    });

  it('fails on a type error, naming file, line and error', async () => {
    const dir = project("export const count: number = 'three';\n");
    const { code, output } = await run(bin('tsc'), ['--noEmit', '-p', dir], dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/bad\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it('passes the same file once it is right', async () => {
    const dir = project('export const count: number = 3;\n');
    expect(await run(bin('tsc'), ['--noEmit', '-p', dir], dir)).toEqual({ code: 0, output: '' });
  });
});

describe('lint (Biome, the project rules)', { timeout: SLOW }, () => {
  const config = JSON.parse(readFileSync(join(repo, 'biome.json'), 'utf8'));
  // The project's rules, over every file of the temp dir (the real config only includes the repository folders).
  const lint = (source: string) => {
    const { $schema: _schema, files: _files, vcs: _vcs, ...rules } = config;
    const dir = tree({ 'biome.json': JSON.stringify(rules), 'store.ts': STORE, 'bad.ts': source });
    return run(bin('biome'), ['lint', '--max-diagnostics=none', '.'], dir);
  };
  const STORE = 'export interface Store {\n  put(id: string): Promise<void>;\n}\nexport async function save(id: string): Promise<string> {\n  return id;\n}\n';

  it.each([
    ['a floating call to an imported async function', "import { save } from './store.js';\nexport function f(): void {\n  save('x');\n}\n", 'noFloatingPromises'],
    ['a floating call through a port interface', "import type { Store } from './store.js';\nexport function f(store: Store): void {\n  store.put('x');\n}\n", 'noFloatingPromises'],
    ['an unused import', "import { save } from './store.js';\nexport const x = 1;\n", 'noUnusedImports'],
    ['an unused variable', 'export function f(): number {\n  const unused = 2;\n  return 1;\n}\n', 'noUnusedVariables'],
    ['a focused test', "import { it } from 'vitest';\nit.only('runs alone', () => {});\n", 'noFocusedTests'],
    ['a skipped test', "import { describe } from 'vitest';\ndescribe.skip('never runs', () => {});\n", 'noSkippedTests'],
  ])('fails on %s', async (_what, source, rule) => {
    const { code, output } = await lint(source);
    expect(code).not.toBe(0);
    expect(output).toContain(`bad.ts:`);
    expect(output).toContain(rule);
  });

  it('passes awaited and deliberately detached promises', async () => {
    const source = "import { save } from './store.js';\nexport async function f(): Promise<void> {\n  await save('x');\n  void save('y');\n}\n";
    const { code, output } = await lint(source);
    expect(output).not.toContain('bad.ts:');
    expect(code).toBe(0);
  });
});

describe('depcheck (dependency-cruiser rules and folder cycles)', { timeout: SLOW }, () => {
  const depcheck = (dir: string, ...args: string[]) => run(process.execPath, [join(repo, 'scripts/checks/depcheck.mjs'), '--root', dir, ...args], dir);
  const BAD = {
    'shared/alarm-types/plugin.ts': "import { decide } from '../evaluation/decide.js';\nexport const plugin = decide;\n",
    'shared/evaluation/decide.ts': "import type { Kind } from '../alarm-types/kind.js';\nexport const decide = (kind: Kind) => kind;\n",
    'shared/alarm-types/kind.ts': "export type Kind = 'threshold';\n",
    'shared/services/create.ts': "import { MemoryStore } from '../adapters/memory/store.js';\nexport const store = new MemoryStore();\n",
    'shared/adapters/memory/store.ts': 'export class MemoryStore {}\n',
    'shared/domain/alarm.ts': "import { handler } from '../../functions/api/handler.js';\nexport const h = handler;\n",
    'functions/api/handler.ts': 'export const handler = 1;\n',
    'functions/runtime/wiring.ts': "import { MemoryStore } from '#shared/adapters/memory/store.js';\nexport const store = new MemoryStore();\n",
    'package.json': JSON.stringify({ type: 'module', imports: { '#shared/*': './shared/*' } }),
  };

  it('fails naming a folder cycle, an adapter import from shared/services and an import of functions/ into shared/', async () => {
    const { code, output } = await depcheck(tree(BAD));
    expect(code).toBe(1);
    expect(output).toContain('error  no-folder-cycle: shared/alarm-types -> shared/evaluation -> shared/alarm-types');
    expect(output).toContain('error  adapter-outside-composition-root: shared/services/create.ts -> shared/adapters/memory/store.ts');
    expect(output).toContain('error  shared-imports-functions-or-infra: shared/domain/alarm.ts -> functions/api/handler.ts');
    expect(output).not.toContain('functions/runtime/wiring.ts'); // a composition root may wire adapters
    expect(output).toContain('3 violations, 0 known');
  });

  it('passes violations listed as known, and fails a new one', async () => {
    const dir = tree(BAD);
    expect((await depcheck(dir, '--update-known')).code).toBe(0);
    const known = await depcheck(dir);
    expect(known.output).toContain('0 violations, 3 known');
    expect(known.code).toBe(0);
    writeFileSync(join(dir, 'shared/evaluation/more.ts'), "import { store } from '../services/create.js';\nexport const s = store;\n");
    writeFileSync(join(dir, 'shared/services/uses.ts'), "import { decide } from '../evaluation/decide.js';\nexport const d = decide;\n");
    const fresh = await depcheck(dir);
    expect(fresh.code).toBe(1);
    expect(fresh.output).toContain('error  no-folder-cycle: shared/evaluation -> shared/services -> shared/evaluation');
  });
});

describe('npm test summary', () => {
  const summary = (report: object, failedChecks: string) => {
    const dir = tree({ 'report.json': JSON.stringify(report) });
    return run(process.execPath, [join(repo, 'scripts/test-summary.mjs'), join(dir, 'report.json'), failedChecks], dir);
  };
  const green = { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 0, numRuntimeErrorTestSuites: 0, success: true };

  it('counts each failed check as a failed test and fails the run', async () => {
    expect(await summary(green, '2')).toEqual({ code: 1, output: '3 passed, 2 failed\n' });
    expect(await summary(green, '0')).toEqual({ code: 0, output: '3 passed, 0 failed\n' });
  });

  it('counts a failed test once, and a file that failed without a failed test (it did not load) once', async () => {
    const failing = { numPassedTests: 3, numFailedTests: 1, numFailedTestSuites: 1, numRuntimeErrorTestSuites: 0, success: false };
    const failedTest = { status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] };
    const unloadable = { status: 'failed', assertionResults: [] };
    expect(await summary({ ...failing, testResults: [failedTest] }, '0')).toEqual({ code: 1, output: '3 passed, 1 failed\n' });
    expect(await summary({ ...failing, numFailedTestSuites: 2, testResults: [failedTest, unloadable] }, '0')).toEqual({ code: 1, output: '3 passed, 2 failed\n' });
  });

  it('counts an unhandled error outside any test once', async () => {
    expect(await summary({ ...green, success: false }, '0')).toEqual({ code: 1, output: '3 passed, 1 failed\n' });
  });
});
