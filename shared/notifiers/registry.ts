import { awsNotifiers } from './aws/registry-entries.js';
import { logNotifier } from './log/notifier.js';
import type { NotifierRegistry } from './plugin.js';
import { testNotifier } from './test/notifier.js';
import { webhookNotifier } from './webhook/notifier.js';

/**
 * Notifiers by URL scheme (Aodh's `aodh.notifier` entry points). The API accepts exactly these
 * schemes in action lists, so an unregistered one is refused with Aodh's
 * `Unsupported action <a>`: that is how the OpenStack-only schemes (`trust+http`,
 * `trust+https`, `zaqar`, `trust+zaqar`, `trust+heat`) are refused — they need Keystone,
 * Zaqar or Heat, which do not exist here.
 */
export const notifiers = {
  log: logNotifier,
  test: testNotifier,
  // One plugin object under both schemes: buildNotifiers makes one instance, one connection pool.
  http: webhookNotifier,
  https: webhookNotifier,
  // ── AWS-native schemes (sns, sqs, events, lambda): owned by shared/notifiers/aws/ ─────────
  ...awsNotifiers,
} satisfies NotifierRegistry;
