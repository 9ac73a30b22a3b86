import { Buffer } from 'node:buffer';
import type { TransitionMessage } from '../domain/transition.js';

/**
 * The largest transition message (encoded body, UTF-8 bytes) the transition queue takes.
 * SQS now allows 1 MiB, but 256 KiB is the long-standing limit, the queue's configured
 * MaximumMessageSize (adapters/sqs/queue-spec.ts) and what every adapter enforces.
 */
export const TRANSITION_MESSAGE_MAX_BYTES = 256 * 1024;

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

export function transitionMessageBytes(message: TransitionMessage): number {
  return bodyBytes(encodeTransitionBody(message));
}
