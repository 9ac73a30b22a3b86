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
