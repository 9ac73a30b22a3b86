import { staticSettings } from './static/settings.js';

/**
 * Every metric source's own setting rows, keyed by the field of the source's settings they fill.
 * Kept apart from registry.ts so the settings table does not import the sources (and their SDKs).
 * A source with a setting adds its rows here.
 */
export const metricSourceSettings = { ...staticSettings };
