import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability/logger.js';
import type { DeadLetterQueue } from '#shared/ports/dead-letter-queue.js';
import { deliverTransition, type DeliveryDeps } from '#shared/services/notification/deliver-transition.js';
import { DEFAULT_RETRY_POLICY } from '#shared/services/notification/retry-policy.js';
import { parseTransition } from '#shared/services/notification/parse-transition.js';

export interface NotifyDeps {
  delivery: DeliveryDeps;
  deadLetters: DeadLetterQueue;
  /** The queue's maxReceiveCount: on that receive a still-failing message is dead-lettered with its reason. */
  maxReceiveCount: number;
}

/** Left for dead-lettering and the response after the last delivery attempt. */
const SAFETY_MARGIN_MS = 1_500;

/**
 * Deliveries must end before the function's timeout: a timeout would return the whole
 * batch and count a receive against every message in it. So each record's budget is capped
 * by the time left, and a record that cannot get a useful budget is held back unattempted.
 */
function budgetFor(deps: NotifyDeps, context: Context): NotifyDeps | undefined {
  const left = context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS;
  const configured = deps.delivery.retry?.deadlineMs ?? DEFAULT_RETRY_POLICY.deadlineMs;
  if (left < Math.min(configured, 1_000)) return undefined;
  return { ...deps, delivery: { ...deps.delivery, retry: { ...deps.delivery.retry, deadlineMs: Math.min(configured, left) } } };
}

/** True when the record is finished (delivered, or parked with its reason); false when it must come back. */
async function processRecord(record: SQSRecord, deps: NotifyDeps): Promise<boolean> {
  const parsed = parseTransition(record.body);
  if (!parsed.ok) {
    logger.error('poison message on the transition queue; dead-lettered', { message_id: record.messageId, alarm_id: parsed.alarmId, reason: parsed.reason });
    await deps.deadLetters.send({ body: record.body, sourceMessageId: record.messageId, reason: parsed.reason, ...(parsed.alarmId ? { alarmId: parsed.alarmId } : {}) });
    return true;
  }
  const report = await deliverTransition(parsed.message, deps.delivery);
  const lastReceive = Number(record.attributes.ApproximateReceiveCount ?? '1') >= deps.maxReceiveCount;
  if (report.retry && !lastReceive) return false;
  const failed = report.actions.filter((action) => action.status === 'retryable-failed' || action.status === 'permanent-failed');
  if (failed.length === 0) return true;
  const reason = failed.map((action) => `${action.action}: ${action.reason ?? action.status}`).join('; ');
  logger.warn('notification failed for good; dead-lettered for replay', { alarm_id: report.alarmId, transition_id: report.transitionId, reason });
  await deps.deadLetters.send({ body: record.body, sourceMessageId: record.messageId, alarmId: report.alarmId, reason, failedActions: failed.map((action) => action.action) });
  return true;
}

function byMessageGroup(records: SQSRecord[]): SQSRecord[][] {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  return [...groups.values()];
}

/**
 * The notify Lambda on the FIFO transition queue, with ReportBatchItemFailures. Alarms
 * (message groups) run in parallel; within one alarm, records run in order and the first
 * one that must come back holds back the rest of its group, so an alarm's notifications
 * never overtake each other (which is why this is not @middy/sqs-partial-batch-failure's
 * all-parallel model).
 */
export function createNotifyHandler(deps: NotifyDeps) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const failures: string[] = [];
      await Promise.all(
        byMessageGroup(event.Records).map(async (records) => {
          let held = false;
          for (const record of records) {
            const budgeted: NotifyDeps | undefined = held ? undefined : budgetFor(deps, context);
            if (!budgeted) held = true;
            else {
              held = !(await processRecord(record, budgeted).catch((error: unknown) => {
                logger.error('notification handling failed; the message comes back', { message_id: record.messageId, error: error as Error });
                return false;
              }));
            }
            if (held) failures.push(record.messageId);
          }
        }),
      );
      return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}
