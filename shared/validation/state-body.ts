import { ALARM_STATES, type AlarmState } from '../domain/alarm.js';
import { InvalidInputError } from '../errors.js';

/**
 * `PUT /v2/alarms/{id}/state` (§6.8): the body is a bare JSON string naming a state. WSME
 * does not validate an Enum body (wsme bug 1227229), so Aodh checks it itself, after finding
 * the alarm, with its own text; no body at all is WSME's missing argument.
 */
export function parseStateBody(body: unknown): AlarmState {
  requireStateBody(body);
  if (typeof body === 'string' && (ALARM_STATES as readonly string[]).includes(body)) return body as AlarmState;
  throw new InvalidInputError('state invalid', 'state');
}

/** WSME's MissingArgument, raised before the controller runs. */
export function requireStateBody(body: unknown): void {
  if (body === undefined) throw new InvalidInputError('Missing argument: "state"', 'state');
}
