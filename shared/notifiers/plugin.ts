/**
 * One notifier (Aodh's `aodh.notifier` entry points), registered under each URL scheme it serves.
 * Delivery hooks join this interface with the notifier.
 */
export interface NotifierPlugin {
  /** Aodh refuses these schemes to non-admins with a 401 (`log`, `test`). */
  readonly adminOnly: boolean;
  /** Scheme-specific checks of an action URL at create time; throws InvalidInputError naming the action. */
  validateAction?(action: URL): void;
}

export type NotifierRegistry = Readonly<Record<string, NotifierPlugin>>;
