import { type Env, readSetting, SettingsError } from '#shared/settings/setting.js';
import { SETTINGS } from '#shared/settings/table.js';

const S = SETTINGS;

/** The Keystone authorizer's settings (keystonemiddleware's `[keystone_authtoken]`). */
export interface AuthorizerSettings {
  url: string;
  username: string;
  /** Exactly one of the two: the password itself (local) or the Secrets Manager secret holding it (AWS). */
  password: { value: string } | { secretId: string };
  project: string;
  userDomain: string;
  projectDomain: string;
  cacheTtlSeconds: number;
}

/** KEYSTONE_URL, required once AUTH_MODE=keystone: without it no token can be checked. */
export function readKeystoneUrl(env: Env): string {
  const url = readSetting(env, S.keystoneUrl);
  if (!url) throw new SettingsError(`environment variable ${S.keystoneUrl.env} must be set when ${S.authMode.env} is keystone`);
  return url.replace(/\/+$/, '');
}

export function readAuthorizerSettings(env: Env = process.env): AuthorizerSettings {
  const value = readSetting(env, S.keystoneServicePassword);
  const secretId = readSetting(env, S.keystoneServicePasswordSecret);
  if (!value && !secretId) throw new SettingsError(`environment variable ${S.keystoneServicePassword.env} or ${S.keystoneServicePasswordSecret.env} must be set`);
  return {
    url: readKeystoneUrl(env),
    username: readSetting(env, S.keystoneServiceUser),
    password: value ? { value } : { secretId: secretId as string },
    project: readSetting(env, S.keystoneServiceProject),
    userDomain: readSetting(env, S.keystoneUserDomain),
    projectDomain: readSetting(env, S.keystoneProjectDomain),
    cacheTtlSeconds: readSetting(env, S.keystoneTokenCacheTtl),
  };
}
