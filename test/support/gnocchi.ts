import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { poll } from './prometheus.js';

/** Gnocchi's basic auth: the user name is the identity, the password is ignored; `admin` may do anything. */
export const GNOCCHI_ADMIN_HEADERS: Readonly<Record<string, string>> = { Authorization: `Basic ${Buffer.from('admin:').toString('base64')}` };

export interface GnocchiHarness {
  /** The Gnocchi API's base URL (loopback, a free port). */
  url: string;
  /** Gnocchi's and PostgreSQL's logs, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const SETUP_HINT = 'bash scripts/setup.sh --test installs python3-gnocchi and postgresql';
/** Few sacks: metricd scans every sack each cycle, and tests post to a handful of metrics. */
const SACKS = 8;
const run = promisify(execFile);

/**
 * Runs the real Gnocchi 4.4 (Debian python3-gnocchi) on loopback, as toolchain.md §7/§8 describe:
 * a private PostgreSQL cluster under a temp dir (socket only, no TCP port, fsync off) for the
 * indexer, file storage, the REST app under a threaded stdlib WSGI server (gnocchi-wsgi.py) and
 * gnocchi-metricd, which turns posted measures into aggregates about a second later.
 * Resolves once /v1/status answers 200 (it answers 500 until metricd has joined).
 */
export async function startGnocchi(): Promise<GnocchiHarness> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'aodh-gnocchi-'));
  const [pgData, socketDir] = [join(dir, 'pg'), join(dir, 'socket')];
  await Promise.all([mkdir(pgData), mkdir(socketDir), mkdir(join(dir, 'storage')), mkdir(join(dir, 'locks'))]);
  const postgres = await postgresUser();
  if (postgres) await Promise.all([dir, pgData, socketDir].map((path) => chown(path, postgres.uid, postgres.gid)));
  const pg = (binary: string, args: string[]) => run(join(postgresBin(), binary), args, { ...(postgres ?? {}), cwd: dir });

  let output = '';
  const children: ChildProcess[] = [];
  let pgStarted = false;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(children.map(terminate));
      if (pgStarted) await pg('pg_ctl', ['-D', pgData, '-m', 'immediate', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    })());

  try {
    await pg('initdb', ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const serverOptions = `-c listen_addresses='' -k ${socketDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await pg('pg_ctl', ['-D', pgData, '-o', serverOptions, '-l', join(dir, 'postgres.log'), '-w', 'start']);
    pgStarted = true;
    const config = join(dir, 'gnocchi.conf');
    await writeFile(config, gnocchiConfig(dir, socketDir));

    const spawnLogged = (command: string, args: string[]) => {
      const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', (error) => (output += `\ncannot run ${command} (${SETUP_HINT}): ${error.message}\n`));
      children.push(child);
      return child;
    };
    const api = spawnLogged('/usr/bin/python3', [join(dirname(fileURLToPath(import.meta.url)), 'gnocchi-wsgi.py'), config, String(SACKS)]);
    const apiExited = new Promise<never>((_, reject) => api.once('close', (code) => reject(new Error(`the Gnocchi API exited (code ${String(code)})`))));
    let stdout = '';
    api.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // metricd needs the upgraded indexer and sacks; its imports then overlap with the API's start.
    await Promise.race([apiExited, poll(60_000, async () => stdout.includes('upgraded'))]);
    spawnLogged('/usr/bin/gnocchi-metricd', ['--config-file', config]);
    await Promise.race([apiExited, poll(60_000, async () => /listening on \d+/.test(stdout))]);
    const url = `http://127.0.0.1:${/listening on (\d+)/.exec(stdout)?.[1] ?? ''}`;
    await Promise.race([apiExited, poll(60_000, async () => (await fetch(`${url}/v1/status`, { headers: GNOCCHI_ADMIN_HEADERS })).status === 200)]);
    output += `\n[harness] Gnocchi ready at ${url} after ${Date.now() - started} ms\n`;
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`Gnocchi did not start (${SETUP_HINT}): ${error instanceof Error ? error.message : String(error)}\n${output}`, { cause: error });
  }
}

function gnocchiConfig(dir: string, socketDir: string): string {
  return [
    '[DEFAULT]',
    `coordination_url = file://${join(dir, 'locks')}`,
    'parallel_operations = 1',
    '[api]',
    'auth_mode = basic',
    '[indexer]',
    `url = postgresql://postgres@/postgres?host=${socketDir}`,
    '[storage]',
    'driver = file',
    `file_basepath = ${join(dir, 'storage')}`,
    '[metricd]',
    'workers = 1',
    'metric_processing_delay = 1',
    '',
  ].join('\n');
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user. */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** initdb/pg_ctl: on PATH, else Debian's versioned folder (not on PATH by default). */
function postgresBin(): string {
  const onPath = (process.env.PATH ?? '').split(':').filter((path) => path && existsSync(join(path, 'initdb')));
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
        .filter((path) => existsSync(join(path, 'initdb')))
    : [];
  const found = [...onPath, ...debian][0];
  if (!found) throw new Error(`no initdb on PATH or in /usr/lib/postgresql/*/bin (${SETUP_HINT})`);
  return found;
}

/** SIGTERM to the child's own process group (metricd forks workers), SIGKILL after 5 s. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const killer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}
