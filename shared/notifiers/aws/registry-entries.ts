import type { NotifierPlugin } from '../plugin.js';
import { eventsNotifier } from './events.js';
import { lambdaNotifier } from './lambda.js';
import { snsNotifier } from './sns.js';
import { sqsNotifier } from './sqs.js';

/**
 * The AWS-native schemes Aodh lacks, keyed by URL scheme, for shared/notifiers/registry.ts
 * to spread into its registry. None is admin-only (they are ordinary tenant targets, like
 * webhooks), so what a project can reach is bounded by the notify function's IAM role:
 * the stack must scope it away from the service's own queues and buses (see README.md).
 */
export const awsNotifiers = {
  sns: snsNotifier,
  sqs: sqsNotifier,
  events: eventsNotifier,
  lambda: lambdaNotifier,
} satisfies Record<string, NotifierPlugin>;
