import { webhookSettings } from './webhook/config.js';

/**
 * Every notifier scheme's own setting rows, keyed by the field of the scheme's settings they fill.
 * Kept apart from registry.ts so the settings table (which every function bundles) imports only
 * the schemes' `config.ts`, never their clients. A scheme with a setting adds its rows here.
 */
export const notifierSettings = { ...webhookSettings };
