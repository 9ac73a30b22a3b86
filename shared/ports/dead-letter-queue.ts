/**
 * Where the notifier parks what it cannot deliver, with the reason (SQS in AWS and locally).
 * A letter keeps the original message body, so the replay command can put it back on the
 * transition queue unchanged; the delivery ledger then skips actions already delivered.
 */
export interface DeadLetter {
  /** The transition queue message, verbatim (it may be malformed: that can be the reason). */
  body: string;
  alarmId?: string;
  reason: string;
  failedActions?: string[];
  /**
   * The queue message this letter comes from (SQS's message id). Parking the same receive
   * twice (a retried handler) keeps one letter; the same body parked again after a replay,
   * which is a new message, is a new letter.
   */
  sourceMessageId?: string;
}

export interface DeadLetterQueue {
  /** Resolves once the letter is stored; throws TransitionQueueUnavailableError otherwise. */
  send(letter: DeadLetter): Promise<void>;
}
