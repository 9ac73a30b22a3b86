import type { NotifierRegistry } from './plugin.js';

const log = { adminOnly: true };
const test = { adminOnly: true };
const webhook = { adminOnly: false };

/** Notifiers by URL scheme; the API accepts exactly these schemes in action lists. */
export const notifiers = {
  log,
  test,
  http: webhook,
  https: webhook,
} satisfies NotifierRegistry;
