import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RetryableDeliveryError } from '../../errors.js';
import type { DeliveryContext, Notifier, NotifierPlugin } from '../plugin.js';
import { type AwsTarget, invalidAction, parseAwsTarget, parseOrPermanent, refuseOptions } from './action-url.js';
import { deliver } from './classify.js';
import { fifoIds, notificationIdAttribute, webhookBody } from './payload.js';

const FORM = 'sqs://<region>/<account-id>/<queue-name>';
// SQS CreateQueue: up to 80 letters, digits, hyphens and underscores; a FIFO queue's name ends in .fifo (counted).
const QUEUE = /^[A-Za-z0-9_-]+(\.fifo)?$/;

/** `sqs://[region]/<account-id>/<queue-name>`: validated; throws InvalidInputError naming the action. */
export function parseSqsAction(action: URL): AwsTarget {
  const target = parseAwsTarget(action, FORM);
  if (!QUEUE.test(target.name) || target.name.length > 80) {
    throw invalidAction(action, `queue name "${target.name}" must be 1-80 letters, digits, hyphens or underscores, optionally ending in .fifo`);
  }
  refuseOptions(action);
  return target;
}

/**
 * Sends the webhook body with the notification id as a message attribute; a FIFO queue
 * gets one message group per alarm and the notification id as deduplication id.
 *
 * The queue URL comes from GetQueueUrl (with the owner's account, so cross-account queues
 * work) rather than being spelled out as https://sqs.<region>.amazonaws.com/…: that way a
 * client whose endpoint is overridden (local runs, VPC endpoints) gets the URL its own
 * endpoint serves. It is cached per notifier, i.e. once per warm Lambda.
 */
export const sqsNotifier: NotifierPlugin = {
  adminOnly: false,
  validateAction: (action) => void parseSqsAction(action),
  create: ({ aws }): Notifier => {
    const queueUrls = new QueueUrlCache();
    return {
      async notify(action, notification, context) {
        const target = parseOrPermanent(parseSqsAction, action);
        const client = aws.sqs(target.region);
        const queueUrl = await queueUrls.get(client, target, context);
        await deliver(`SQS SendMessage to ${queueUrl}`, () =>
          client.send(
            new SendMessageCommand({
              QueueUrl: queueUrl,
              MessageBody: JSON.stringify(webhookBody(notification)),
              MessageAttributes: notificationIdAttribute(context.notificationId),
              ...(target.name.endsWith('.fifo') && fifoIds(notification, context.notificationId)),
            }),
            { abortSignal: context.signal },
          ),
        );
      },
    };
  },
};

class QueueUrlCache {
  // A queue's URL never changes, not even when it is deleted and re-created; failures are not cached.
  private readonly urls = new Map<string, string>();

  async get(client: SQSClient, target: AwsTarget, context: DeliveryContext): Promise<string> {
    const key = cacheKey(target);
    const cached = this.urls.get(key);
    if (cached !== undefined) return cached;
    const what = `SQS GetQueueUrl of ${target.name} in account ${target.account}${target.region ? ` (${target.region})` : ''}`;
    const { QueueUrl } = await deliver(what, () =>
      client.send(new GetQueueUrlCommand({ QueueName: target.name, QueueOwnerAWSAccountId: target.account }), { abortSignal: context.signal }),
    );
    if (QueueUrl === undefined) throw new RetryableDeliveryError(`${what} failed: no QueueUrl in the answer`);
    // Bounded by the number of distinct queue actions, which is small; the cap only guards a pathological store.
    if (this.urls.size >= 1000) this.urls.clear();
    this.urls.set(key, QueueUrl);
    return QueueUrl;
  }
}

const cacheKey = (target: AwsTarget): string => `${target.region ?? ''}/${target.account}/${target.name}`;
