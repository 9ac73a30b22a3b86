import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlarmNotification } from '../../../shared/domain/transition.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { buildNotifiers } from '../../../shared/notifiers/build-notifiers.js';
import type { NotifierDeps } from '../../../shared/notifiers/plugin.js';
import { notifiers } from '../../../shared/notifiers/registry.js';
import { logger } from '../../../shared/observability/logger.js';
import { checkActionList } from '../../../shared/validation/actions.js';
import { expectThrows } from '../../support/expect-error.js';

const notification: AlarmNotification = {
  actions: ['log://'], alarm_id: 'a-1', alarm_name: 'cpu high', severity: 'critical', previous: 'ok', current: 'alarm', reason: 'Transition to alarm due to 1 samples outside threshold', reason_data: {},
};
const context = { notificationId: 'n-1', signal: new AbortController().signal };
const deps = (testRecorder?: NotifierDeps['testRecorder']): NotifierDeps => ({
  settings: { webhookTimeoutMs: 1_000 },
  readFile: () => { throw new Error('no PEM file in this test'); },
  aws: {} as NotifierDeps['aws'],
  ...(testRecorder ? { testRecorder } : {}),
});

afterEach(() => vi.restoreAllMocks());

describe('log:// notifier', () => {
  it('writes Aodh’s INFO line with the alarm id, and no credentials', async () => {
    const info = vi.spyOn(logger, 'info');
    const log = buildNotifiers(notifiers, deps()).get('log');
    await log?.notify(new URL('log://'), notification, context);
    await log?.notify(new URL('log://u:pw@x/?token=abc'), notification, context);
    expect(info.mock.calls).toEqual([
      ['Notifying alarm cpu high a-1 of critical priority from ok to alarm with action log:// because Transition to alarm due to 1 samples outside threshold.', { alarm_id: 'a-1' }],
      ['Notifying alarm cpu high a-1 of critical priority from ok to alarm with action log://x/?token=REDACTED because Transition to alarm due to 1 samples outside threshold.', { alarm_id: 'a-1' }],
    ]);
  });
});

describe('test:// notifier', () => {
  it('hands each notification to the recorder, and is a no-op without one', async () => {
    const recorded: [string, AlarmNotification][] = [];
    await buildNotifiers(notifiers, deps((action, n) => recorded.push([action, n]))).get('test')?.notify(new URL('test://x/y'), notification, context);
    await buildNotifiers(notifiers, deps()).get('test')?.notify(new URL('test://x/y'), notification, context);
    expect(recorded).toEqual([['test://x/y', notification]]);
  });
});

describe('notifier registry', () => {
  it('serves log, test, http and https; log and test are admin-only', () => {
    expect(Object.keys(notifiers)).toEqual(expect.arrayContaining(['log', 'test', 'http', 'https']));
    expect([notifiers.log.adminOnly, notifiers.test.adminOnly, notifiers.http.adminOnly, notifiers.https.adminOnly]).toEqual([true, true, false, false]);
  });

  it('builds one webhook notifier for http and https, so they share a connection pool', () => {
    const built = buildNotifiers(notifiers, deps());
    expect(built.get('http')).toBe(built.get('https'));
    expect(built.get('log')).not.toBe(built.get('test'));
  });

  it.each(['trust+http://x/', 'trust+https://x/', 'zaqar://?topic=t', 'trust+zaqar://?queue_name=q', 'trust+heat://'])(
    'makes the API refuse OpenStack-only %s with Aodh’s message',
    (action) => {
      expectThrows(() => checkActionList('alarm_actions', [action], { notifiers, maxActions: 0, callerIsAdmin: true }), InvalidInputError, `Unsupported action ${action}`);
    },
  );
});
