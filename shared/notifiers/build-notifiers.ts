import type { Notifier, NotifierDeps, NotifierRegistry } from './plugin.js';

/** The notifiers a process delivers with, by URL scheme. */
export type BuiltNotifiers = ReadonlyMap<string, Notifier>;

/**
 * Creates every registered notifier once, at cold start. Schemes that share a plugin
 * (`http` and `https`) share one instance too, so they share its connection pools.
 */
export function buildNotifiers(registry: NotifierRegistry, deps: NotifierDeps): BuiltNotifiers {
  const instances = new Map<NotifierRegistry[string], Notifier>();
  const byScheme = new Map<string, Notifier>();
  for (const [scheme, plugin] of Object.entries(registry)) {
    let notifier = instances.get(plugin);
    if (!notifier) {
      notifier = plugin.create(deps);
      instances.set(plugin, notifier);
    }
    byScheme.set(scheme, notifier);
  }
  return byScheme;
}
