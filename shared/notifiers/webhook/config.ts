import { PermanentDeliveryError } from '../../errors.js';
import type { WebhookSettings } from '../plugin.js';
import { redactUrl } from '../redact.js';
import { bareHost } from './network-policy.js';

/** Everything one POST needs to know about its action URL. */
export interface WebhookTarget {
  https: boolean;
  host: string;
  port: number;
  /** Path and query exactly as in the action (Aodh posts the full URL, query included). */
  path: string;
  /** `https` only: whether the certificate is checked. */
  verifyTls: boolean;
  /** `Basic …` from the URL's userinfo, as requests derives it. */
  authorization?: string;
  /** The action for logs and error messages: no userinfo, no secret query values. */
  display: string;
}

export const SSL_VERIFY_PARAM = 'aodh-alarm-ssl-verify';

/**
 * Aodh's `bool(int(parse_qs(query)['aodh-alarm-ssl-verify'][-1]))`: blank values are skipped
 * (parse_qs drops them), the last occurrence wins, any non-zero integer means verify.
 * Undefined when the parameter is absent. Python's int() also takes surrounding blanks,
 * a sign and digit-separating underscores.
 */
export function sslVerifyOverride(action: URL): boolean | undefined {
  const values = new URLSearchParams(action.search).getAll(SSL_VERIFY_PARAM).filter((value) => value !== '');
  const last = values.at(-1);
  if (last === undefined) return undefined;
  const text = last.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(text)) {
    throw new PermanentDeliveryError(`Invalid ${SSL_VERIFY_PARAM} value ${JSON.stringify(last)} in action ${redactUrl(action)}: expected an integer`);
  }
  return /[1-9]/.test(text);
}

function basicAuthorization(action: URL): string | undefined {
  if (!action.username && !action.password) return undefined;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return `Basic ${Buffer.from(`${decode(action.username)}:${decode(action.password)}`, 'utf8').toString('base64')}`;
}

/** Reads an `http://` or `https://` action; an unusable one is a PermanentDeliveryError naming it. */
export function parseWebhookAction(action: URL, settings: Pick<WebhookSettings, 'verifyTls'>): WebhookTarget {
  const display = redactUrl(action);
  const https = action.protocol === 'https:';
  if (!https && action.protocol !== 'http:') throw new PermanentDeliveryError(`Action ${display} is not an http or https URL`);
  const host = bareHost(action.hostname);
  if (!host) throw new PermanentDeliveryError(`Action ${display} has no host`);
  const verifyTls = https ? (sslVerifyOverride(action) ?? settings.verifyTls) : false;
  const authorization = basicAuthorization(action);
  return {
    https,
    host,
    port: action.port ? Number(action.port) : https ? 443 : 80,
    path: `${action.pathname}${action.search}`,
    verifyTls,
    ...(authorization ? { authorization } : {}),
    display,
  };
}
