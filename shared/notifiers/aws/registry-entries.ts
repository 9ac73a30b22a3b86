import type { NotifierPlugin } from '../plugin.js';
import { eventsNotifier } from './events.js';
import { lambdaNotifier } from './lambda.js';
import { snsNotifier } from './sns.js';
import { sqsNotifier } from './sqs.js';

/**
 * The AWS-native schemes Aodh lacks, keyed by URL scheme, for shared/notifiers/registry.ts
 * to spread into its registry. None is admin-only: the target's own resource policy (and the
 * notify function's IAM role) decides who may receive, not Aodh's segregation policy.
 */
export const awsNotifiers = {
  sns: snsNotifier,
  sqs: sqsNotifier,
  events: eventsNotifier,
  lambda: lambdaNotifier,
} satisfies Record<string, NotifierPlugin>;
