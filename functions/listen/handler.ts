import { readListenerSettings } from '../runtime/env.js';
import { buildListenerDeps } from '../runtime/listen-wiring.js';
import { createListenHandler } from './app.js';

/** Lambda entry point: the store, queue client and candidate cache live across invocations. */
export const handler = createListenHandler(buildListenerDeps(readListenerSettings()));
