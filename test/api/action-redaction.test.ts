import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../integration/notifiers/conformance.js';
import { MEMBER, startTestApi, type TestApi } from '../support/test-api.js';
import { expectError, prometheusAlarm } from './support.js';

/** A9: a rejected action's credentials reach neither the 400 body nor the log line. */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ POWERTOOLS_LOG_LEVEL: 'INFO' });
});

afterAll(async () => {
  await api?.stop();
});

describe('credentials in a rejected action are redacted', () => {
  it.each([
    ['htps://alice:S3cret@host/x?token=T0kenValue', 'Unsupported action htps://host/x?token=REDACTED'],
    ['http://alice:S3cret@[::1/x?token=T0kenValue', /^Unable to parse action http:\/\/\[::1\/x\?token=REDACTED$/],
    ['test://alice:S3cret@host/x?token=T0kenValue', 'You are not authorized to create action: test://host/x?token=REDACTED'],
  ])('%s', async (action, message) => {
    const logs = captureLogs();
    const reply = await api.call('POST', '/v2/alarms', { as: MEMBER, body: prometheusAlarm({ alarm_actions: [action] }) });
    expectError(reply, reply.status === 401 ? 401 : 400, message);
    for (const secret of ['alice', 'S3cret', 'T0kenValue']) {
      expect(reply.text).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
    expect(logs.text()).toContain('request refused');
  });
});
