import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../errors.js';
import type { Notifier, NotifierPlugin } from '../plugin.js';
import { type AwsTarget, arnOf, invalidAction, parseAwsTarget, parseOrPermanent, refuseFragment, regionOf } from './action-url.js';
import { deliver, isRetryableCode } from './classify.js';
import { bodyWithNotificationId } from './payload.js';

const FORM = 'events://<region>/<account-id>/<event-bus-name>';
export const DEFAULT_DETAIL_TYPE = 'Aodh Alarm State Change';
export const DEFAULT_SOURCE = 'aodh';
/**
 * EventBridge CreateEventBus: 1-256 of letters, digits, `.`, `-`, `_`. `/` is allowed only in
 * partner event bus names (aws.partner/…), which receive events from their SaaS partner
 * alone, so they cannot be a target here. `default` is the account's default bus.
 */
const BUS = /^[A-Za-z0-9._-]{1,256}$/;

export interface EventsTarget extends AwsTarget {
  detailType: string;
  source: string;
}

/** `events://[region]/<account-id>/<bus-name>[?detail-type=…&source=…]`; throws InvalidInputError naming the action. */
export function parseEventsAction(action: URL): EventsTarget {
  const target = parseAwsTarget(action, FORM);
  if (!BUS.test(target.name)) {
    throw invalidAction(action, `event bus name "${target.name}" must be 1-256 letters, digits, dots, hyphens or underscores`);
  }
  const options = new URLSearchParams(action.search);
  const keys = [...options.keys()];
  for (const key of keys) {
    if (key !== 'detail-type' && key !== 'source') throw invalidAction(action, `unknown query parameter "${key}" (allowed: detail-type, source)`);
    if (keys.indexOf(key) !== keys.lastIndexOf(key)) throw invalidAction(action, `query parameter "${key}" is given more than once`);
  }
  const detailType = options.get('detail-type') ?? DEFAULT_DETAIL_TYPE;
  // PutEvents: DetailType is free-form, at most 128 characters.
  if (detailType.length < 1 || detailType.length > 128) throw invalidAction(action, 'detail-type must be 1-128 characters');
  const source = options.get('source') ?? DEFAULT_SOURCE;
  // Sources starting with `aws.` are reserved for AWS services: PutEvents refuses them (NotAuthorizedForSourceException).
  if (source.length < 1 || source.length > 256 || source.startsWith('aws.')) {
    throw invalidAction(action, `source "${source}" must be 1-256 characters and must not start with "aws."`);
  }
  refuseFragment(action);
  return { ...target, detailType, source };
}

/**
 * Puts one event on the bus, addressed by ARN so that a bus in another account works
 * (its resource policy permitting). The detail is the webhook body plus `notification_id`:
 * the event's own `id` is assigned by EventBridge and differs on every re-delivery.
 */
export const eventsNotifier: NotifierPlugin = {
  adminOnly: false,
  validateAction: (action) => void parseEventsAction(action),
  create: ({ aws }): Notifier => ({
    async notify(action, notification, context) {
      const target = parseOrPermanent(parseEventsAction, action);
      const client = aws.eventBridge(target.region);
      const busArn = arnOf('events', await regionOf(action, target, client), target.account, `event-bus/${target.name}`);
      const what = `EventBridge PutEvents to ${busArn}`;
      const output = await deliver(what, () =>
        client.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: busArn,
                Source: target.source,
                DetailType: target.detailType,
                Detail: JSON.stringify(bodyWithNotificationId(notification, context.notificationId)),
              },
            ],
          }),
          { abortSignal: context.signal },
        ),
      );
      // PutEvents answers 200 even when it refused the entry; the verdict is per entry.
      if ((output.FailedEntryCount ?? 0) === 0) return;
      const code = output.Entries?.[0]?.ErrorCode ?? 'unknown error';
      const message = `${what} failed: entry refused with ${code}`;
      throw isRetryableCode(code) ? new RetryableDeliveryError(message) : new PermanentDeliveryError(message);
    },
  }),
};
