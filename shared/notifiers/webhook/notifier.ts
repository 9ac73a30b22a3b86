import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AlarmNotification } from '../../domain/transition.js';
import { RetryableDeliveryError } from '../../errors.js';
import { logger } from '../../observability/logger.js';
import { pyJsonDumps } from '../../python/repr.js';
import type { DeliveryContext, Notifier, NotifierPlugin } from '../plugin.js';
import { errorForStatus, errorForTransport } from './classify.js';
import { parseWebhookAction, type WebhookOptions, type WebhookTarget, webhookOptions } from './config.js';
import { checkLiteralAddress, policyLookup, type Resolver } from './network-policy.js';

/** Aodh's REST body (aodh/notifier/rest.py): these keys in this order, as Python's json.dumps prints them. */
export function webhookBody(n: AlarmNotification): string {
  const { alarm_name, alarm_id, severity, previous, current, reason, reason_data } = n;
  return pyJsonDumps({ alarm_name, alarm_id, severity, previous, current, reason, reason_data });
}

export interface WebhookNotifierOptions {
  /** DNS for the policy lookup; tests inject one to play a rebinding resolver. */
  resolve?: Resolver;
}

/**
 * The `http://` and `https://` notifier. It uses node:http rather than fetch so that it owns
 * the socket's `lookup` (the network policy is checked on the address actually connected
 * to) and the TLS options per action. Keep-alive agents are per instance: one per process.
 */
export class WebhookNotifier implements Notifier {
  private readonly lookup: LookupFunction;
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  /** By `verifyTls`, since `aodh-alarm-ssl-verify` can switch it per action. */
  private readonly httpsAgents = new Map<boolean, HttpsAgent>();

  constructor(
    private readonly settings: WebhookOptions,
    options: WebhookNotifierOptions = {},
  ) {
    this.lookup = policyLookup(settings, options.resolve);
  }

  async notify(action: URL, notification: AlarmNotification, context: DeliveryContext): Promise<void> {
    const target = parseWebhookAction(action, this.settings);
    try {
      checkLiteralAddress(target.host, this.settings);
    } catch (error) {
      throw errorForTransport(error, target.display, false);
    }
    const body = webhookBody(notification);
    const headers: OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      // Aodh makes a new one per call; receivers quote it in their own logs.
      'x-openstack-request-id': `req-${randomUUID()}`,
      // Ours: the same for every re-delivery of this notification, so receivers can dedupe.
      'X-Aodh-Notification-Id': context.notificationId,
      ...(target.authorization ? { Authorization: target.authorization } : {}),
    };
    const status = await this.post(target, headers, body, context.signal);
    logger.info(`Notifying alarm <${notification.alarm_id}> gets response: ${status}.`, {
      alarm_id: notification.alarm_id,
      notification_id: context.notificationId,
    });
  }

  /** Drops pooled connections (tests; a Lambda process simply ends). */
  close(): void {
    this.httpAgent.destroy();
    for (const agent of this.httpsAgents.values()) agent.destroy();
  }

  private agentFor(target: WebhookTarget): HttpAgent {
    if (!target.https) return this.httpAgent;
    let agent = this.httpsAgents.get(target.verifyTls);
    if (!agent) {
      const { caBundle, clientCertificate, clientKey } = this.settings;
      agent = new HttpsAgent({
        keepAlive: true,
        rejectUnauthorized: target.verifyTls,
        // As requests' verify=<bundle>: when given, the bundle replaces the system roots.
        ...(target.verifyTls && caBundle ? { ca: caBundle } : {}),
        // As requests' cert=<file>: without a separate key, the key is in the certificate file.
        ...(clientCertificate ? { cert: clientCertificate, key: clientKey ?? clientCertificate } : {}),
      });
      this.httpsAgents.set(target.verifyTls, agent);
    }
    return agent;
  }

  /** One POST; resolves with the status line on 2xx, rejects with a classified error otherwise. */
  private post(target: WebhookTarget, headers: OutgoingHttpHeaders, body: string, signal: AbortSignal): Promise<string> {
    if (signal.aborted) return Promise.reject(new RetryableDeliveryError(`POST ${target.display} not attempted: no time left`));
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const request = (target.https ? httpsRequest : httpRequest)({
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'POST',
        headers,
        agent: this.agentFor(target),
        lookup: this.lookup,
      });
      // The timeout covers the whole exchange, body included, not just socket idleness.
      const abort = () => request.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
      const timer = setTimeout(() => {
        timedOut = true;
        abort();
      }, this.settings.timeoutMs);
      signal.addEventListener('abort', abort, { once: true });
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      };
      request.on('error', (error) => {
        finish();
        reject(errorForTransport(error, target.display, timedOut || signal.aborted));
      });
      request.on('response', (response) => {
        // Drained so the socket can be reused; the body itself is of no interest.
        response.on('end', finish).on('close', finish).on('error', () => undefined).resume();
        const status = response.statusCode ?? 0;
        const error = errorForStatus(status, response.statusMessage ?? '', target.display, firstHeader(response.headers, 'retry-after'));
        if (error) reject(error);
        else resolve(`${status} ${response.statusMessage ?? ''}`.trim());
      });
      request.end(body);
    });
  }
}

function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const webhookNotifier: NotifierPlugin = {
  adminOnly: false,
  create: (deps) => new WebhookNotifier(webhookOptions(deps.settings, deps.readFile)),
};
