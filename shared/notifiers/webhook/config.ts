import { PermanentDeliveryError } from '../../errors.js';
import { flag, integer, type RowValues, text } from '../../setting-rows/setting.js';
import { redactUrl } from '../redact.js';
import { bareHost } from './network-policy.js';

/** The scheme's own setting rows (joined into the one table by notifiers/settings.ts). */
export const webhookSettings = {
  // Local receivers live on loopback and private networks; in AWS these default to refused.
  webhookAllowLoopback: flag({ env: 'WEBHOOK_ALLOW_LOOPBACK', default: false, localDefault: 'true', shownDefault: '`true` locally, `false` in AWS', section: 'notifier', deployTo: ['notifier'], context: true,
    doc: 'Webhook targets on loopback (in Lambda that is the Runtime API, so never on in a real stage).' }),
  webhookAllowPrivateNetworks: flag({ env: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', default: false, localDefault: 'true', shownDefault: '`true` locally, `false` in AWS', section: 'notifier', deployTo: ['notifier'], context: true,
    doc: 'Webhook targets on private networks (RFC 1918, ULA…); link-local and metadata addresses are always refused.' }),
  // Under the function's 10 s timeout with room for the ledger write and the SQS response.
  webhookTimeoutMs: integer({ env: 'WEBHOOK_TIMEOUT_MS', default: 5_000, min: 1, section: 'notifier', deployTo: ['notifier'], doc: 'Milliseconds per webhook call.',
    context: { check: { expected: 'a number of milliseconds from 100 to 9000', valid: (n) => n >= 100 && n <= 9_000 } } }),
  restNotifierSslVerify: flag({ env: 'REST_NOTIFIER_SSL_VERIFY', default: true, section: 'notifier', deployTo: ['notifier'], context: true,
    doc: 'TLS verification default for `https` actions (`[DEFAULT] rest_notifier_ssl_verify`).' }),
  // Paths inside the bundle; no deploy setting ships any yet (so no context key either).
  restNotifierCaBundleCertificatePath: text({ env: 'REST_NOTIFIER_CA_BUNDLE_CERTIFICATE_PATH', optional: true, section: 'notifier', doc: 'CA bundle (PEM file) for `https` actions.' }),
  restNotifierCertificateFile: text({ env: 'REST_NOTIFIER_CERTIFICATE_FILE', optional: true, section: 'notifier', doc: 'Client certificate (PEM file) for `https` actions.' }),
  restNotifierCertificateKey: text({ env: 'REST_NOTIFIER_CERTIFICATE_KEY', optional: true, section: 'notifier', doc: 'Key of the client certificate (PEM file).' }),
};

export type WebhookSettings = RowValues<typeof webhookSettings>;

/** What the webhook notifier runs with (Aodh's rest_notifier_* options plus our network policy). */
export interface WebhookOptions {
  /** `rest_notifier_ssl_verify`; the action's `aodh-alarm-ssl-verify=0|1` query parameter overrides it. */
  verifyTls: boolean;
  /** PEM CA bundle used when verifying (`rest_notifier_ca_bundle_certificate_path`, contents). */
  caBundle?: string;
  /** Client certificate and key, PEM (`rest_notifier_certificate_file` / `_key`, contents). */
  clientCertificate?: string;
  clientKey?: string;
  /** Link-local and cloud-metadata targets are always refused; these two are opt-in. */
  allowPrivateNetworks: boolean;
  allowLoopback: boolean;
  timeoutMs: number;
}

/**
 * The options from the rows' values, once at cold start. The PEM files are read through the
 * composition root's `readFile`, which keeps node:fs out of the notifiers. A row the values
 * lack (tests pass partial settings) falls back to the row's own default.
 */
export function webhookOptions(settings: WebhookSettings, readFile: (path: string) => string): WebhookOptions {
  const rows = webhookSettings;
  const pem = (path: string | undefined) => (path ? readFile(path) : undefined);
  const caBundle = pem(settings.restNotifierCaBundleCertificatePath);
  const clientCertificate = pem(settings.restNotifierCertificateFile);
  const clientKey = pem(settings.restNotifierCertificateKey);
  return {
    verifyTls: settings.restNotifierSslVerify ?? rows.restNotifierSslVerify.default,
    allowPrivateNetworks: settings.webhookAllowPrivateNetworks ?? rows.webhookAllowPrivateNetworks.default,
    allowLoopback: settings.webhookAllowLoopback ?? rows.webhookAllowLoopback.default,
    timeoutMs: settings.webhookTimeoutMs ?? rows.webhookTimeoutMs.default,
    ...(caBundle ? { caBundle } : {}),
    ...(clientCertificate ? { clientCertificate } : {}),
    ...(clientKey ? { clientKey } : {}),
  };
}

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
export function parseWebhookAction(action: URL, settings: Pick<WebhookOptions, 'verifyTls'>): WebhookTarget {
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
