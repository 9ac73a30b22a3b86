import { redactUrl } from '../redact.js';

/** A `log://` action has no options (Aodh ignores everything after the scheme). */
export interface LogAction {
  /** The action as printed in the log line, without credentials. */
  display: string;
}

export function parseLogAction(action: URL): LogAction {
  return { display: redactUrl(action) };
}
