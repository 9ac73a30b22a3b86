import { metricSourceSettings } from '../shared/metric-sources/settings.js';
import { notifierSettings } from '../shared/notifiers/settings.js';
import type { FunctionRole, Setting } from '../shared/settings/setting.js';
import { SETTINGS } from '../shared/settings/table.js';
import type { DeploySettings } from './settings.js';

/**
 * The variables CDK sets on one function from the deploy settings: every table row whose
 * `deployTo` lists the function, under the row's variable, formatted as the runtime reads it;
 * unset optional values (a URL not configured) are left out.
 */
export function deployEnvironment(role: FunctionRole, settings: DeploySettings): Record<string, string> {
  const environment: Record<string, string> = {};
  // Plugin rows' values sit under `metricSources` and `notifiers`, absent when unset.
  const values: Record<string, unknown> = { ...settings, ...settings.metricSources, ...settings.notifiers };
  const isPluginRow = (key: string) => key in metricSourceSettings || key in notifierSettings;
  for (const row of Object.values(SETTINGS) as Array<Setting & { key: string }>) {
    if (!row.deployTo?.includes(role)) continue;
    if (row.env === undefined || !(row.key in settings || isPluginRow(row.key))) throw new Error(`setting ${row.key} lists deployTo but is not a deploy setting with a variable`);
    const text = row.format(values[row.key] as never);
    if (text !== undefined) environment[row.env] = text;
  }
  return environment;
}
