import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalService, type LocalService } from '../support/local-service.js';

const run = promisify(execFile);

let service: LocalService;

/** The unchanged OpenStack client (Debian python3-aodhclient) in noauth mode. */
async function aodh(...args: string[]): Promise<unknown> {
  const { stdout } = await run(
    'aodh',
    ['--os-auth-type', 'aodh-noauth', '--user-id', 'u1', '--project-id', 'p1', '--roles', 'admin', '--aodh-endpoint', service.url, ...args],
    { timeout: 30_000 },
  );
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

async function aodhFails(...args: string[]): Promise<string> {
  try {
    await aodh(...args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`aodh ${args.join(' ')} succeeded`);
}

/** The client has no ack command: the extension is called directly, as the same user. */
const ack = (alarmId: string, method: 'PUT' | 'DELETE') =>
  fetch(`${service.url}/v2/alarms/${alarmId}/ack`, {
    method,
    headers: { 'content-type': 'application/json', 'x-user-id': 'u1', 'x-project-id': 'p1', 'x-roles': 'admin' },
    ...(method === 'PUT' ? { body: JSON.stringify({ comment: 'on it' }) } : {}),
  });

beforeAll(async () => {
  service = await startLocalService();
}, 90_000);

afterAll(async () => {
  await service?.stop();
});

describe('the aodh CLI against npm start', () => {
  let alarmId = '';

  it('creates a gnocchi threshold alarm with Aodh defaults', async () => {
    const created = (await aodh(
      'alarm', 'create', '-f', 'json', '--name', 'cpu_hi', '-t', 'gnocchi_resources_threshold',
      '--metric', 'cpu', '--resource-id', 'r1', '--resource-type', 'instance',
      '--aggregation-method', 'mean', '--threshold', '80', '--comparison-operator', 'gt',
    )) as Record<string, string>;
    alarmId = created.alarm_id ?? '';
    expect(alarmId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ name: 'cpu_hi', state: 'insufficient data', severity: 'low', enabled: true, project_id: 'p1', user_id: 'u1' });
    expect(created.threshold).toBe(80);
    expect(created.description).toBe('gnocchi_resources_threshold alarm rule');
  });

  it('lists and shows it', async () => {
    const listed = (await aodh('alarm', 'list', '-f', 'json')) as Array<Record<string, string>>;
    expect(listed.map((alarm) => alarm.alarm_id)).toContain(alarmId);
    const shown = (await aodh('alarm', 'show', alarmId, '-f', 'json')) as Record<string, unknown>;
    expect(shown).toMatchObject({ alarm_id: alarmId, metric: 'cpu', granularity: 60, evaluation_periods: 1 });
  });

  it('updates it through GET-merge-PUT', async () => {
    const updated = (await aodh('alarm', 'update', alarmId, '-f', 'json', '--threshold', '90', '--severity', 'critical')) as Record<string, unknown>;
    expect(updated).toMatchObject({ threshold: 90, severity: 'critical', metric: 'cpu', comparison_operator: 'gt' });
  });

  it('sets and gets the state', async () => {
    const set = (await aodh('alarm', 'state', 'set', alarmId, '--state', 'alarm', '-f', 'json')) as Record<string, string>;
    expect(set.state).toBe('alarm');
    const got = (await aodh('alarm', 'state', 'get', alarmId, '-f', 'json')) as Record<string, string>;
    expect(got.state).toBe('alarm');
  });

  it('shows the history newest first', async () => {
    const history = (await aodh('alarm-history', 'show', alarmId, '-f', 'json')) as Array<Record<string, string>>;
    expect(history.map((row) => row.type)).toEqual(['state transition', 'rule change', 'creation']);
    expect(JSON.parse(history[0]?.detail ?? '{}')).toEqual({ state: 'alarm', state_reason: 'Manually set via API' });
  });

  it('answers complex queries for alarms and history', async () => {
    await aodh('alarm', 'create', '-f', 'json', '--name', 'ev', '-t', 'event', '--event-type', 'compute.instance.*', '--query', 'traits.state=string::error');
    const byQuery = (await aodh('alarm', 'list', '-f', 'json', '--query', 'name=cpu_hi')) as Array<Record<string, string>>;
    expect(byQuery.map((alarm) => alarm.name)).toEqual(['cpu_hi']);
    const filtered = (await aodh('alarm', 'list', '-f', 'json', '--filter', 'type=event')) as Array<Record<string, string>>;
    expect(filtered.map((alarm) => alarm.name)).toEqual(['ev']);
    const rows = (await aodh('alarm-history', 'search', '-f', 'json', '--query', `alarm_id=${alarmId}`)) as unknown[];
    expect(rows).toHaveLength(3);
  });

  it('deletes it', async () => {
    await aodh('alarm', 'delete', alarmId);
    expect(await aodhFails('alarm', 'show', alarmId, '-f', 'json')).toContain(`Alarm ${alarmId} not found`);
  });

  it('shows Aodh error texts for bad input', async () => {
    const stderr = await aodhFails('alarm', 'create', '-f', 'json', '--name', 'bad', '-t', 'gnocchi_resources_threshold', '--metric', 'cpu', '--resource-id', 'r1', '--resource-type', 'instance', '--aggregation-method', 'mean');
    expect(stderr).toContain('threshold');
  });
});

describe('the aodh CLI with an acknowledged alarm (beyond Aodh)', () => {
  it('updates, shows and lists history of an acknowledged alarm unchanged', async () => {
    const created = (await aodh(
      'alarm', 'create', '-f', 'json', '--name', 'ack_me', '-t', 'gnocchi_resources_threshold', '--state', 'alarm', '--repeat-actions', 'true',
      '--metric', 'cpu', '--resource-id', 'r1', '--resource-type', 'instance', '--aggregation-method', 'mean', '--threshold', '80',
    )) as Record<string, string>;
    const alarmId = created.alarm_id ?? '';
    expect((await ack(alarmId, 'PUT')).status).toBe(200);

    // aodhclient's update GETs the alarm (acknowledged included) and PUTs it back.
    const updated = (await aodh('alarm', 'update', alarmId, '-f', 'json', '--threshold', '90')) as Record<string, unknown>;
    expect(updated).toMatchObject({ threshold: 90, acknowledged: { by: 'u1', comment: 'on it' } });
    const shown = (await aodh('alarm', 'show', alarmId, '-f', 'json')) as Record<string, unknown>;
    expect(shown.acknowledged).toMatchObject({ by: 'u1' });

    expect((await ack(alarmId, 'DELETE')).status).toBe(204);
    const history = (await aodh('alarm-history', 'show', alarmId, '-f', 'json')) as Array<Record<string, string>>;
    expect(history.map((row) => row.type)).toEqual(['acknowledgement', 'rule change', 'acknowledgement', 'creation']);
  });
});
