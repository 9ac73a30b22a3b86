import { createHash } from 'node:crypto';

/**
 * The id of one notification: one transition to one action. Deterministic, so every
 * re-delivery of a TransitionMessage (SQS at-least-once, DLQ redrive, outbox re-send) maps to
 * the same ledger record and the same `X-Aodh-Notification-Id` header.
 *
 * A name-based UUID (RFC 9562 §5.8, version 8, SHA-256 as in its appendix B.2): the first 128
 * bits of sha256(transition_id LF action), with the version and variant bits set. The LF
 * cannot occur in a transition id, so distinct pairs never hash the same text.
 */
export function notificationIdFor(transitionId: string, action: string): string {
  const bytes = createHash('sha256').update(`${transitionId}\n${action}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
