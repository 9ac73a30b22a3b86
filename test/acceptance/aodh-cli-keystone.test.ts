import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeystoneHarness, keystoneModeEnv, startKeystone } from '../support/keystone.js';
import { type LocalService, startLocalService } from '../support/local-service.js';

const run = promisify(execFile);

/**
 * The unchanged OpenStack client (Debian python3-aodhclient) signing in to the real Keystone
 * with a password and finding our API through the catalog's `alarming` endpoint, against
 * `npm start` in AUTH_MODE=keystone.
 */
let keystone: KeystoneHarness;
let service: LocalService;
const users = {
  alice: { project: 'tenant-a', role: 'member' },
  rita: { project: 'tenant-a', role: 'reader' },
  bob: { project: 'tenant-b', role: 'member' },
  olga: { project: 'ops', role: 'admin' },
} as const;
type User = keyof typeof users;
const ids: Record<string, string> = {};

beforeAll(async () => {
  keystone = await startKeystone();
  const keystoneMode = await keystoneModeEnv(keystone);
  for (const [name, { project, role }] of Object.entries(users)) {
    ids[project] ??= await keystone.admin.createProject(project);
    ids[name] = await keystone.admin.userOn({ id: ids[project] as string }, name, `${name}-pw`, [role]);
  }
  service = await startLocalService(keystoneMode);
  await keystone.admin.register('alarming', 'aodh', service.url);
}, 300_000);

afterAll(async () => {
  await service?.stop();
  await keystone?.stop();
});

/** No OS_* from the caller's shell: the arguments alone say who signs in. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OS_')));
}

async function aodh(user: User, ...args: string[]): Promise<unknown> {
  const auth = [
    '--os-auth-type', 'password', '--os-auth-url', keystone.url, '--os-username', user, '--os-password', `${user}-pw`,
    '--os-project-name', users[user].project, '--os-user-domain-name', 'Default', '--os-project-domain-name', 'Default',
  ];
  const { stdout } = await run('/usr/bin/python3', ['/usr/bin/aodh', ...auth, ...args], { timeout: 60_000, env: cleanEnv() });
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

async function aodhFails(user: User, ...args: string[]): Promise<string> {
  try {
    await aodh(user, ...args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`aodh ${args.join(' ')} succeeded for ${user}`);
}

describe('the aodh CLI through Keystone (password auth, catalog endpoint)', () => {
  let alarmId = '';

  it("creates an alarm owned by the signed-in user's Keystone ids", async () => {
    const created = (await aodh('alice', 'alarm', 'create', '-f', 'json', '--name', 'ks-ev', '-t', 'event', '--event-type', 'compute.instance.*')) as Record<string, unknown>;
    alarmId = String(created.alarm_id);
    expect(created).toMatchObject({ name: 'ks-ev', project_id: ids['tenant-a'], user_id: ids.alice, state: 'insufficient data' });
  }, 60_000);

  it('lists, shows and updates it', async () => {
    const listed = (await aodh('alice', 'alarm', 'list', '-f', 'json')) as Array<Record<string, string>>;
    expect(listed.map((alarm) => alarm.alarm_id)).toEqual([alarmId]);
    expect(await aodh('alice', 'alarm', 'show', alarmId, '-f', 'json')).toMatchObject({ alarm_id: alarmId, event_type: 'compute.instance.*' });
    expect(await aodh('alice', 'alarm', 'update', alarmId, '-f', 'json', '--severity', 'critical')).toMatchObject({ severity: 'critical', name: 'ks-ev' });
  }, 60_000);

  it('sets and gets the state, and shows the history newest first', async () => {
    expect(await aodh('alice', 'alarm', 'state', 'set', alarmId, '--state', 'alarm', '-f', 'json')).toMatchObject({ state: 'alarm' });
    expect(await aodh('alice', 'alarm', 'state', 'get', alarmId, '-f', 'json')).toMatchObject({ state: 'alarm' });
    const history = (await aodh('alice', 'alarm-history', 'show', alarmId, '-f', 'json')) as Array<Record<string, string>>;
    expect(history.map((row) => row.type)).toEqual(['state transition', 'rule change', 'creation']);
  }, 60_000);

  it('lets a reader of the project read but not write', async () => {
    expect(await aodh('rita', 'alarm', 'show', alarmId, '-f', 'json')).toMatchObject({ alarm_id: alarmId });
    expect(await aodhFails('rita', 'alarm', 'create', '-f', 'json', '--name', 'nope', '-t', 'event', '--event-type', 'x')).toContain('RBAC Authorization Failed');
    expect(await aodhFails('rita', 'alarm', 'delete', alarmId)).toContain('RBAC Authorization Failed');
  }, 60_000);

  it("hides the alarm from another project's member", async () => {
    expect(await aodh('bob', 'alarm', 'list', '-f', 'json')).toEqual([]);
    expect(await aodhFails('bob', 'alarm', 'show', alarmId, '-f', 'json')).toContain(`Alarm ${alarmId} not found`);
  }, 60_000);

  it('lets an admin (Keystone has no admin project, so admin anywhere) reach it', async () => {
    expect(await aodh('olga', 'alarm', 'show', alarmId, '-f', 'json')).toMatchObject({ alarm_id: alarmId, project_id: ids['tenant-a'] });
    expect(await aodh('olga', 'alarm', 'state', 'get', alarmId, '-f', 'json')).toMatchObject({ state: 'alarm' });
  }, 60_000);

  it('deletes it', async () => {
    await aodh('alice', 'alarm', 'delete', alarmId);
    expect(await aodhFails('alice', 'alarm', 'show', alarmId, '-f', 'json')).toContain(`Alarm ${alarmId} not found`);
  }, 60_000);
});
