import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_EVENT_BUS_NAME } from '../../../shared/listener/rule-pattern.js';
import { type BusUnderTest, REGION, startBusUnderTest } from './support.js';

/**
 * The README's way to put an event by hand: the real AWS CLI (botocore, its own AWS JSON 1.1
 * serializer) with `--endpoint-url`. Config and credential files are pointed at /dev/null so
 * the developer's own profile can neither help nor break the test.
 */
const run = promisify(execFile);

function putEvents(endpoint: string, entries: unknown[]) {
  return run('aws', ['events', 'put-events', '--endpoint-url', endpoint, '--region', REGION, '--output', 'json', '--entries', JSON.stringify(entries)], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '' },
  });
}

describe('local event bus: `aws events put-events --endpoint-url`', () => {
  let bus: BusUnderTest;
  beforeAll(async () => {
    bus = await startBusUnderTest();
  });
  afterAll(() => bus?.stop());
  beforeEach(() => void (bus.delivered.length = 0));

  it('puts events the CLI sends, Time and Resources included, and delivers them', async () => {
    const { stdout } = await putEvents(bus.url, [
      {
        EventBusName: LOCAL_EVENT_BUS_NAME,
        Source: 'openstack.nova',
        DetailType: 'compute.instance.delete.end',
        Detail: JSON.stringify({ message_id: 'cli-1', traits: [['project_id', 1, 'p-1']] }),
        Time: '2024-05-01T12:00:00Z',
        Resources: ['arn:r:1'],
      },
      { Source: 'com.example', DetailType: 'Thing', Detail: '{"unnamed":true}' },
      { Source: 'com.example', DetailType: 'Thing', Detail: 'nope' },
    ]);
    const result = JSON.parse(stdout) as { FailedEntryCount: number; Entries: Array<Record<string, string>> };
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[2]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(2));
    expect(bus.delivered[0]).toMatchObject({
      id: result.Entries[0]?.EventId,
      source: 'openstack.nova',
      'detail-type': 'compute.instance.delete.end',
      time: '2024-05-01T12:00:00Z',
      resources: ['arn:r:1'],
      detail: { message_id: 'cli-1', traits: [['project_id', 1, 'p-1']] },
    });
    expect(bus.delivered[1]).toMatchObject({ id: result.Entries[1]?.EventId, detail: { unnamed: true } });
  });

  it('shows the CLI the ValidationException AWS gives for 11 entries', async () => {
    const entry = { Source: 'com.example', DetailType: 'Thing', Detail: '{}' };
    const failure = await putEvents(bus.url, Array.from({ length: 11 }, () => entry)).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('An error occurred (ValidationException) when calling the PutEvents operation');
    expect(failure?.stderr).toContain('Member must have length less than or equal to 10');
    expect(bus.delivered).toEqual([]);
  });
});
