import type { AlarmNotification } from '../../domain/transition.js';
import type { Notifier, NotifierDeps, NotifierPlugin } from '../plugin.js';
import { parseTestAction } from './config.js';

/**
 * Aodh's `test://` notifier: records each call in memory for tests. Without a recorder (a
 * deployment that never configured one) a notification is accepted and forgotten.
 */
export class TestNotifier implements Notifier {
  constructor(private readonly record?: NotifierDeps['testRecorder']) {}

  async notify(action: URL, notification: AlarmNotification): Promise<void> {
    this.record?.(parseTestAction(action).action, notification);
  }
}

export const testNotifier: NotifierPlugin = {
  adminOnly: true,
  create: (deps) => new TestNotifier(deps.testRecorder),
};
