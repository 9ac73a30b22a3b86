import { PublishCommand } from '@aws-sdk/client-sns';
import type { Notifier, NotifierPlugin } from '../plugin.js';
import { type AwsTarget, arnOf, invalidAction, parseAwsTarget, parseOrPermanent, refuseOptions, regionOf } from './action-url.js';
import { deliver } from './classify.js';
import { fifoIds, notificationIdAttribute, webhookBody } from './payload.js';

const FORM = 'sns://<region>/<account-id>/<topic-name>';
// SNS CreateTopic: up to 256 letters, digits, hyphens and underscores; a FIFO topic's name ends in .fifo (counted).
const TOPIC = /^[A-Za-z0-9_-]+(\.fifo)?$/;

/** `sns://[region]/<account-id>/<topic-name>`: validated; throws InvalidInputError naming the action. */
export function parseSnsAction(action: URL): AwsTarget {
  const target = parseAwsTarget(action, FORM);
  if (!TOPIC.test(target.name) || target.name.length > 256) {
    throw invalidAction(action, `topic name "${target.name}" must be 1-256 letters, digits, hyphens or underscores, optionally ending in .fifo`);
  }
  refuseOptions(action);
  return target;
}

/**
 * Publishes the webhook body to the topic whose ARN the URL spells out (no lookup call),
 * with the notification id as a message attribute. A FIFO topic gets one message group per
 * alarm (its transitions stay in order) and the notification id as deduplication id, so a
 * re-delivery within SNS's 5-minute window is dropped by SNS itself.
 */
export const snsNotifier: NotifierPlugin = {
  adminOnly: false,
  validateAction: (action) => void parseSnsAction(action),
  create: ({ aws }): Notifier => ({
    async notify(action, notification, context) {
      const target = parseOrPermanent(parseSnsAction, action);
      const client = aws.sns(target.region);
      const topicArn = arnOf('sns', await regionOf(action, target, client), target.account, target.name);
      await deliver(`SNS Publish to ${topicArn}`, () =>
        client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Message: JSON.stringify(webhookBody(notification)),
            MessageAttributes: notificationIdAttribute(context.notificationId),
            ...(target.name.endsWith('.fifo') && fifoIds(notification, context.notificationId)),
          }),
          { abortSignal: context.signal },
        ),
      );
    },
  }),
};
