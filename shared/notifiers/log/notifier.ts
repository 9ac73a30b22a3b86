import type { AlarmNotification } from '../../domain/transition.js';
import { logger } from '../../observability/logger.js';
import type { Notifier, NotifierPlugin } from '../plugin.js';
import { parseLogAction } from './config.js';

/** Aodh's `log://` notifier (aodh/notifier/log.py): one INFO line per notification. */
export class LogNotifier implements Notifier {
  async notify(action: URL, n: AlarmNotification): Promise<void> {
    const { display } = parseLogAction(action);
    // Aodh's text, word for word; it prints the split URL, we print the (redacted) URL itself.
    logger.info(
      `Notifying alarm ${n.alarm_name} ${n.alarm_id} of ${n.severity} priority from ${n.previous} to ${n.current} with action ${display} because ${n.reason}.`,
      { alarm_id: n.alarm_id },
    );
  }
}

export const logNotifier: NotifierPlugin = {
  // Aodh: only admins may make the service write into its own log.
  adminOnly: true,
  create: () => new LogNotifier(),
};
