import type { MetricSourcePlugin } from '../plugin.js';
import type { GnocchiAuthHeaders } from './client.js';
import { GNOCCHI, type GnocchiPoint, type GnocchiQuery } from './query.js';
import { GnocchiHttpSource } from './source.js';

export interface GnocchiSettings {
  gnocchiUrl?: string;
  gnocchiAuthHeaders?: GnocchiAuthHeaders;
}

export const gnocchiSource: MetricSourcePlugin<GnocchiQuery, GnocchiPoint[], GnocchiSettings> = {
  ...GNOCCHI,
  create: ({ gnocchiUrl, gnocchiAuthHeaders, timeoutMs }) =>
    gnocchiUrl === undefined ? undefined : new GnocchiHttpSource({ baseUrl: gnocchiUrl, authHeaders: gnocchiAuthHeaders, timeoutMs }),
};
