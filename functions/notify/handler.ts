import { readNotifierSettings } from '../runtime/env.js';
import { buildNotifyDeps } from '../runtime/notify-wiring.js';
import { createNotifyHandler } from './app.js';

/** Lambda entry point on the transition queue: notifiers and clients are built once per cold start. */
export const handler = createNotifyHandler(buildNotifyDeps(readNotifierSettings()));
