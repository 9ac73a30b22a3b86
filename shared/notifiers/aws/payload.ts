import { createHash } from 'node:crypto';
import type { JsonObject } from '../../domain/alarm.js';
import type { AlarmNotification } from '../../domain/transition.js';

/** The message attribute (SNS, SQS) that carries DeliveryContext.notificationId. */
export const NOTIFICATION_ID_ATTRIBUTE = 'aodh-notification-id';

/**
 * The body Aodh's REST webhook posts (aodh/notifier/rest.py), in its key order, so a
 * consumer written for Aodh's webhook reads an SNS/SQS message unchanged. `actions` is
 * deliberately left out, as Aodh does.
 */
export function webhookBody(notification: AlarmNotification): JsonObject {
  return {
    alarm_name: notification.alarm_name,
    alarm_id: notification.alarm_id,
    severity: notification.severity,
    previous: notification.previous,
    current: notification.current,
    reason: notification.reason,
    reason_data: notification.reason_data,
  };
}

/**
 * The webhook body plus `notification_id`, for targets without message attributes
 * (EventBridge detail, Lambda event payload).
 */
export function bodyWithNotificationId(notification: AlarmNotification, notificationId: string): JsonObject {
  return { ...webhookBody(notification), notification_id: notificationId };
}

/** A message attribute map (the SNS and SQS shapes are the same) holding the notification id. */
export function notificationIdAttribute(notificationId: string): Record<string, { DataType: string; StringValue: string }> {
  return { [NOTIFICATION_ID_ATTRIBUTE]: { DataType: 'String', StringValue: notificationId } };
}

// SNS and SQS accept 1-128 characters of ASCII letters, digits and punctuation for
// MessageGroupId and MessageDeduplicationId.
const FIFO_ID = /^[!-~]{1,128}$/;

/**
 * A FIFO id from `value`: itself when SNS/SQS accept it, else its SHA-256 (still
 * deterministic, so a re-delivery of the same notification is still deduplicated).
 */
export function fifoId(value: string): string {
  return FIFO_ID.test(value) ? value : createHash('sha256').update(value).digest('hex');
}

/** MessageGroupId (one group per alarm: its transitions stay in order) and MessageDeduplicationId. */
export function fifoIds(notification: AlarmNotification, notificationId: string): { MessageGroupId: string; MessageDeduplicationId: string } {
  return { MessageGroupId: fifoId(notification.alarm_id), MessageDeduplicationId: fifoId(notificationId) };
}
