import { readAuthorizerSettings } from '../runtime/keystone-env.js';
import { lazyKeystoneValidator } from '../runtime/keystone-wiring.js';
import { createAuthorizeHandler } from './app.js';

/** Lambda entry point: settings at cold start; the service password and token on first request. */
export const handler = createAuthorizeHandler(lazyKeystoneValidator(readAuthorizerSettings()));
