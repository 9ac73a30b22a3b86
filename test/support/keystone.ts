import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../infra/local/free-port.js';
import { KeystoneAdmin } from './keystone-admin.js';

const run = promisify(execFile);

export interface KeystoneHarness {
  /** The identity v3 URL, e.g. `http://127.0.0.1:PORT/v3` (what `KEYSTONE_URL` and `--os-auth-url` take). */
  url: string;
  /** Acts as the bootstrap admin (`admin` in project `admin`, domain `Default`). */
  admin: KeystoneAdmin;
  /** Keystone's own log, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Debian's interpreter, which has the packages: a `python3` on PATH may be another one (pyenv). */
const DEBIAN_PYTHON = '/usr/bin/python3';

const ADMIN_PASSWORD = 'keystone-test-admin';

function config(dir: string): string {
  return [
    '[DEFAULT]',
    'use_stderr = true',
    '[database]',
    `connection = sqlite:///${join(dir, 'keystone.db')}`,
    '[token]',
    'provider = fernet',
    // Short enough that expiry tests need not wait long; tokens ask for less when they need to.
    'expiration = 3600',
    '[fernet_tokens]',
    `key_repository = ${join(dir, 'fernet-keys')}`,
    '[fernet_receipts]',
    `key_repository = ${join(dir, 'fernet-keys')}`,
    '[credential]',
    `key_repository = ${join(dir, 'credential-keys')}`,
    // Token validation drops from ~0.9 s to ~12 ms on these machines; revocation still works.
    '[cache]',
    'enabled = True',
    'backend = dogpile.cache.memory',
    // bcrypt's cost 12 costs ~0.25 s per password check; 4 is its minimum.
    '[identity]',
    'password_hash_rounds = 4',
    '',
  ].join('\n');
}

async function manage(conf: string, ...args: string[]): Promise<void> {
  try {
    await run('keystone-manage', ['--config-file', conf, ...args], { timeout: 120_000 });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`keystone-manage ${args[0]} failed (bash scripts/setup.sh --test installs python3-keystone): ${detail}`);
  }
}

/**
 * Runs the real Keystone (Debian `python3-keystone`; `bash scripts/setup.sh --test` installs it)
 * on a free loopback port: sqlite in WAL mode (else concurrent requests get "database is locked"),
 * fernet tokens, an in-process cache, and the catalog's identity endpoint in RegionOne.
 * Start-up takes about 10–20 s, almost all of it Python imports.
 */
export async function startKeystone(): Promise<KeystoneHarness> {
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'aodh-keystone-'))]);
  const url = `http://127.0.0.1:${port}/v3`;
  const conf = join(dir, 'keystone.conf');
  await writeFile(conf, config(dir));
  // The server refuses to start without the key repositories, so they exist before it is spawned.
  const owner = ['--keystone-user', 'root', '--keystone-group', 'root'];
  try {
    await Promise.all([manage(conf, 'db_sync'), manage(conf, 'fernet_setup', ...owner), manage(conf, 'credential_setup', ...owner)]);
    await run(DEBIAN_PYTHON, ['-c', 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")', join(dir, 'keystone.db')]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  // The server's imports take as long as a keystone-manage run, so it starts beside the bootstrap.
  const server = join(import.meta.dirname, 'python', 'wsgi_server.py');
  const child: ChildProcess = spawn(DEBIAN_PYTHON, [server, String(port), 'keystone.server.wsgi:initialize_public_application'], {
    env: { ...process.env, OS_KEYSTONE_CONFIG_FILES: conf },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    })());
  try {
    await Promise.all([
      manage(conf, 'bootstrap', '--bootstrap-password', ADMIN_PASSWORD, '--bootstrap-region-id', 'RegionOne', '--bootstrap-public-url', url, '--bootstrap-internal-url', url),
      waitUntilServing(url, exited, () => output),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const admin = await KeystoneAdmin.signIn(url, { user: 'admin', password: ADMIN_PASSWORD, project: 'admin' });
  return { url, admin, output: () => output, stop };
}

async function waitUntilServing(url: string, exited: Promise<void>, output: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`keystone exited:\n${output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`keystone did not answer within 90 s:\n${output()}`);
}

/**
 * Creates the service user the API validates tokens with (admin in project `service`, as a
 * deployment's aodh user is) and returns the settings that put `npm start` in keystone mode.
 */
export async function keystoneModeEnv(keystone: KeystoneHarness): Promise<Record<string, string>> {
  const serviceProject = await keystone.admin.createProject('service');
  await keystone.admin.userOn({ id: serviceProject }, 'aodh', 'aodh-service-pw', ['admin']);
  return { AUTH_MODE: 'keystone', KEYSTONE_URL: keystone.url, KEYSTONE_SERVICE_USER: 'aodh', KEYSTONE_SERVICE_PASSWORD: 'aodh-service-pw', KEYSTONE_SERVICE_PROJECT: 'service' };
}
