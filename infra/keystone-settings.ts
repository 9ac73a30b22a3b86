import { SETTINGS } from '../shared/settings/table.js';
import type { ContextReader } from './context-reader.js';

const S = SETTINGS;

/** authMode=keystone: what the Lambda authorizer (and the API's 401 challenge) are deployed with. */
export interface KeystoneDeploySettings {
  keystoneUrl?: string;
  keystoneServiceUser: string;
  /** ARN of the secret holding the service password; the authorizer's only Secrets Manager grant. */
  keystoneServicePasswordSecret?: string;
  keystoneServiceProject: string;
  keystoneUserDomain: string;
  keystoneProjectDomain: string;
  keystoneRegion: string;
  /** Seconds; also API Gateway's authorizer cache TTL. */
  keystoneTokenCacheTtl: number;
}

export function readKeystoneDeploySettings(ctx: ContextReader, authMode: string): KeystoneDeploySettings {
  const settings: KeystoneDeploySettings = {
    keystoneUrl: ctx.setting(S.keystoneUrl),
    keystoneServiceUser: ctx.setting(S.keystoneServiceUser),
    keystoneServicePasswordSecret: ctx.setting(S.keystoneServicePasswordSecret),
    keystoneServiceProject: ctx.setting(S.keystoneServiceProject),
    keystoneUserDomain: ctx.setting(S.keystoneUserDomain),
    keystoneProjectDomain: ctx.setting(S.keystoneProjectDomain),
    keystoneRegion: ctx.setting(S.keystoneRegion),
    keystoneTokenCacheTtl: ctx.setting(S.keystoneTokenCacheTtl),
  };
  if (authMode === 'keystone') {
    // The password never goes into context (it would sit in cdk.context.json and the template).
    for (const key of ['keystoneUrl', 'keystoneServicePasswordSecret'] as const) {
      if (!settings[key]) ctx.problems.push(`context key '${key}' must be set when authMode is 'keystone'`);
    }
  }
  return settings;
}
