import type { ActionListName } from '../domain/alarm.js';
import { InvalidInputError, NotAuthorizedError } from '../errors.js';
import type { NotifierRegistry } from '../notifiers/plugin.js';

export interface ActionCheckOptions {
  notifiers: NotifierRegistry;
  /** `[api] alarm_max_actions`; 0 or less means no limit. */
  maxActions: number;
  callerIsAdmin: boolean;
}

/**
 * The scheme as Python's `urlsplit` finds it (lowercased; '' when there is none), or
 * undefined where `urlsplit` raises: unbalanced IPv6 brackets in the network location.
 */
function pythonScheme(action: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(action);
  const rest = match ? action.slice(match[0].length) : action;
  if (rest.startsWith('//')) {
    const netloc = rest.slice(2).split(/[/?#]/, 1)[0] ?? '';
    if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  }
  return match?.[1]?.toLowerCase() ?? '';
}

function checkAction(action: string, options: ActionCheckOptions): void {
  const scheme = pythonScheme(action);
  if (scheme === undefined) throw new InvalidInputError(`Unable to parse action ${action}`);
  const notifier = Object.hasOwn(options.notifiers, scheme) ? options.notifiers[scheme] : undefined;
  if (!notifier) throw new InvalidInputError(`Unsupported action ${action}`);
  // Aodh's 401, checked before the notifier's own checks.
  if (notifier.adminOnly && !options.callerIsAdmin) throw new NotAuthorizedError(`You are not authorized to create action: ${action}`);
  let url: URL;
  try {
    url = new URL(action);
  } catch {
    // Python accepts some texts WHATWG URL refuses (`http://`); we could never deliver to them.
    throw new InvalidInputError(`Unable to parse action ${action}`);
  }
  notifier.validateAction?.(url);
}

/**
 * §1.4 for one list: duplicates dropped (first occurrence kept, where Aodh's set gives no
 * order), count limit, then each action parsed, its scheme allowed, admin-only schemes refused
 * to non-admins, and the notifier's own checks. null and [] pass unchanged.
 */
export function checkActionList(name: ActionListName, actions: string[] | null, options: ActionCheckOptions): string[] | null {
  if (actions === null || actions.length === 0) return actions;
  const unique = [...new Set(actions)];
  if (options.maxActions > 0 && unique.length > options.maxActions) {
    throw new InvalidInputError(`${name} count exceeds maximum value ${options.maxActions}`, name);
  }
  for (const action of unique) checkAction(action, options);
  return unique;
}
