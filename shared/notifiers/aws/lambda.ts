import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Notifier, NotifierPlugin } from '../plugin.js';
import { type AwsTarget, arnOf, invalidAction, parseAwsTarget, parseOrPermanent, refuseOptions, regionOf } from './action-url.js';
import { deliver } from './classify.js';
import { bodyWithNotificationId } from './payload.js';

const FORM = 'lambda://<region>/<account-id>/<function-name>[:<qualifier>]';
// Lambda CreateFunction: a function name is 1-64 letters, digits, hyphens and underscores.
const FUNCTION = /^[A-Za-z0-9_-]{1,64}$/;
// Invoke's Qualifier: $LATEST, a published version number, or an alias (1-128 of the same characters).
const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;

export interface LambdaTarget extends AwsTarget {
  qualifier?: string;
}

/** `lambda://[region]/<account-id>/<function-name>[:<qualifier>]`; throws InvalidInputError naming the action. */
export function parseLambdaAction(action: URL): LambdaTarget {
  const target = parseAwsTarget(action, FORM);
  const colon = target.name.indexOf(':');
  const name = colon === -1 ? target.name : target.name.slice(0, colon);
  const qualifier = colon === -1 ? undefined : target.name.slice(colon + 1);
  if (!FUNCTION.test(name)) throw invalidAction(action, `function name "${name}" must be 1-64 letters, digits, hyphens or underscores`);
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw invalidAction(action, `qualifier "${qualifier}" must be $LATEST, a version number or an alias name (1-128 letters, digits, hyphens or underscores)`);
  }
  refuseOptions(action);
  return { ...target, name, ...(qualifier !== undefined && { qualifier }) };
}

/**
 * Invokes the function asynchronously (InvocationType Event): Lambda queues the event and
 * answers 202 at once, so a slow or failing function never holds up or fails the delivery;
 * the function's own retries and on-failure destination take over from there. The event
 * is the webhook body plus `notification_id`, for the function to drop duplicates.
 */
export const lambdaNotifier: NotifierPlugin = {
  adminOnly: false,
  validateAction: (action) => void parseLambdaAction(action),
  create: ({ aws }): Notifier => ({
    async notify(action, notification, context) {
      const target = parseOrPermanent(parseLambdaAction, action);
      const client = aws.lambda(target.region);
      const resource = `function:${target.name}${target.qualifier === undefined ? '' : `:${target.qualifier}`}`;
      const functionArn = arnOf('lambda', await regionOf(action, target, client), target.account, resource);
      await deliver(`Lambda Invoke of ${functionArn}`, () =>
        client.send(
          new InvokeCommand({
            FunctionName: functionArn,
            InvocationType: 'Event',
            Payload: Buffer.from(JSON.stringify(bodyWithNotificationId(notification, context.notificationId))),
          }),
          { abortSignal: context.signal },
        ),
      );
    },
  }),
};
