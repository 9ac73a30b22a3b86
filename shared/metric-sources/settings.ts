import { cloudwatchSettings } from './cloudwatch/query.js';
import { gnocchiSettings } from './gnocchi/query.js';
import { prometheusSettings } from './prometheus/query.js';
import { staticSettings } from './static/query.js';

/**
 * Every metric source's own setting rows, keyed by the field of the source's settings they fill.
 * Kept apart from registry.ts so the settings table (which every function bundles) imports only
 * the sources' SDK-free `query.ts`, never their clients. A source with a setting adds its rows here.
 */
export const metricSourceSettings = { ...prometheusSettings, ...gnocchiSettings, ...cloudwatchSettings, ...staticSettings };
