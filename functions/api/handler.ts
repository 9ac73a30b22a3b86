import { buildApiDeps } from '../runtime/wiring.js';
import { readApiSettings } from '../runtime/env.js';
import { createApiHandler } from './app.js';

/** Lambda entry point: settings and clients are built once per cold start, never per request. */
export const handler = createApiHandler(buildApiDeps(readApiSettings()));
