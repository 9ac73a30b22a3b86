import type { AlarmTypePlugin } from '../plugin.js';
import { parseEventRule, TYPE } from './rule.js';

/** Evaluated by the listener as events arrive, never on the evaluator's timer. */
export const event: AlarmTypePlugin = {
  type: TYPE,
  trigger: 'event',
  composable: false,
  parseRule: parseEventRule,
  defaultDescription: (rule) => `Alarm when ${String(rule.event_type)} event occurred.`,
};
