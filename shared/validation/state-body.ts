import { ALARM_STATES, type AlarmState } from '../domain/alarm.js';
import { invalidInput } from './errors.js';

/** `PUT /v2/alarms/{id}/state` (§6.8): the body is a bare JSON string naming a state. */
export function parseStateBody(body: unknown): AlarmState {
  if (typeof body === 'string' && (ALARM_STATES as readonly string[]).includes(body)) return body as AlarmState;
  throw invalidInput('state', body, `Value should be one of: ${ALARM_STATES.join(', ')}`);
}
