/** What happened to one action of a transition. */
export type DeliveryStatus = 'delivered' | 'skipped-duplicate' | 'retryable-failed' | 'permanent-failed';

export interface ActionReport {
  /** The action without credentials (redacted userinfo and secret query values). */
  action: string;
  notificationId: string;
  status: DeliveryStatus;
  /** Calls made to the notifier during this receive. */
  attempts: number;
  /** Why it failed (secret-free), for failures only. */
  reason?: string;
  /** The receiver's last Retry-After, when a retryable failure carried one. */
  retryAfterMs?: number;
}

export interface DeliveryReport {
  transitionId: string;
  alarmId: string;
  /** One entry per distinct action, in the message's order. */
  actions: ActionReport[];
  /**
   * Some action failed retryably: the SQS record should be reported as failed so it comes
   * back (delivered actions are then skipped by the ledger). Permanent failures never retry.
   */
  retry: boolean;
}
