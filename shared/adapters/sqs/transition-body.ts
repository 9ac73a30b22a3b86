import type { TransitionMessage } from '../../domain/transition.js';
import { TransitionQueueUnavailableError } from '../../errors.js';
import { TRANSITION_QUEUE_SPEC } from './queue-spec.js';

/**
 * The queue body of a transition: its JSON. SQS rejects U+FFFE and U+FFFF in bodies, which
 * JSON.stringify leaves as they are (it already escapes control characters and lone
 * surrogates), so they are written as \u escapes: the same JSON value, an acceptable body.
 * They can only occur inside JSON strings, where the escape is valid.
 */
export function encodeTransitionBody(message: TransitionMessage): string {
  return JSON.stringify(message).replace(/[\uFFFE\uFFFF]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

/** Size as SQS counts it: UTF-8 bytes of the body (no message attributes are sent). */
export function bodyBytes(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}

/**
 * The error for a message the queue can never take. It is the port's error type (callers
 * only know that one), but it names the alarm so the log says which transition is stuck.
 */
export function oversizedError(oversized: readonly { message: TransitionMessage; bytes: number }[]): TransitionQueueUnavailableError {
  const list = oversized.map(({ message, bytes }) => `alarm ${message.alarm_id} (transition ${message.transition_id}, ${bytes} bytes)`);
  return new TransitionQueueUnavailableError(
    `transition message too large for the queue (limit ${TRANSITION_QUEUE_SPEC.maxMessageBytes} bytes): ${list.join(', ')}`,
  );
}
