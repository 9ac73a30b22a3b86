import { SETTINGS, type SettingKey } from './table.js';

/**
 * Environment variables from settings-table keys, so only the table spells variable names:
 * `{ transitionQueueUrl: url }` → `{ TRANSITION_QUEUE_URL: url }`; undefined values are left out.
 */
export function environmentOf(values: Partial<Record<SettingKey, string | undefined>>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(values) as Array<[SettingKey, string | undefined]>) {
    const name = SETTINGS[key].env;
    if (name === undefined) throw new Error(`setting ${key} is deploy-only: it has no environment variable`);
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}

/** The variable of a table row that has one (a programming error otherwise). */
export function envName(key: SettingKey): string {
  const name = SETTINGS[key].env;
  if (name === undefined) throw new Error(`setting ${key} is deploy-only: it has no environment variable`);
  return name;
}
