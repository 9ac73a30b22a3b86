import type { ActionListName } from '../domain/alarm.js';
import { InvalidInputError, NotAuthorizedError } from '../errors.js';
import type { NotifierRegistry } from '../notifiers/plugin.js';
import { redactUrl } from '../notifiers/redact.js';
import { pyUrlSplit, pyUrlUnsplit } from '../python/urlsplit.js';

export interface ActionCheckOptions {
  notifiers: NotifierRegistry;
  /** `[api] alarm_max_actions`; 0 or less means no limit. */
  maxActions: number;
  callerIsAdmin: boolean;
}

/**
 * One action checked, returned as Aodh stores it: `urlsplit(action).geturl()` (`log://` →
 * `log:`). Messages quote the action as Aodh does, but redacted: userinfo and secret-looking
 * query values never reach a 400 body or the log line that records it.
 */
/** The action as the client wrote it, unless it may carry credentials (userinfo, a query). */
function quoted(action: string): string {
  return /[@?]/.test(action) ? redactUrl(action) : action;
}

function checkAction(action: string, options: ActionCheckOptions): string {
  const split = pyUrlSplit(action);
  if (split === undefined) throw new InvalidInputError(`Unable to parse action ${quoted(action)}`);
  const notifier = Object.hasOwn(options.notifiers, split.scheme) ? options.notifiers[split.scheme] : undefined;
  if (!notifier) throw new InvalidInputError(`Unsupported action ${quoted(action)}`);
  // Aodh's 401, checked before the notifier's own checks.
  if (notifier.adminOnly && !options.callerIsAdmin) throw new NotAuthorizedError(`You are not authorized to create action: ${quoted(action)}`);
  // geturl() drops an empty authority before a path (`sqs:///acct/q` → `sqs:/acct/q`), which
  // changes what our AWS schemes mean; there, and only there, the `//` stays.
  const normalised = split.netloc === '' && split.path.startsWith('/') && /^[^:]*:\/\//.test(action.trim())
    ? `${split.scheme}://${pyUrlUnsplit({ ...split, scheme: '' })}`
    : pyUrlUnsplit(split);
  let url: URL;
  try {
    url = new URL(normalised);
  } catch {
    // Python accepts some texts WHATWG URL refuses (`http://`); we could never deliver to them.
    throw new InvalidInputError(`Unable to parse action ${quoted(action)}`);
  }
  notifier.validateAction?.(url);
  return normalised;
}

/**
 * §1.4 for one list: duplicates dropped (first occurrence kept, where Aodh's set gives no
 * order), count limit, then each action parsed, its scheme allowed, admin-only schemes refused
 * to non-admins, and the notifier's own checks. Actions that normalise alike are kept once.
 * null and [] pass unchanged. `name` is the list's attribute, for messages (a silence's
 * `expiry_actions` is checked the same way).
 */
export function checkActionList(name: ActionListName | 'expiry_actions', actions: string[] | null, options: ActionCheckOptions): string[] | null {
  if (actions === null || actions.length === 0) return actions;
  const unique = [...new Set(actions)];
  if (options.maxActions > 0 && unique.length > options.maxActions) {
    throw new InvalidInputError(`${name} count exceeds maximum value ${options.maxActions}`, name);
  }
  return [...new Set(unique.map((action) => checkAction(action, options)))];
}
