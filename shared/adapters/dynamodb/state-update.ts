import type { StateUpdate } from '../../ports/alarm-store.js';
import type { Item } from './alarm-item.js';

/** Optional attributes of a state write: the update field, its stored name, and whether null removes it. */
const OPTIONAL: readonly { field: 'stateTimestamp' | 'stateDetail' | 'acknowledged' | 'lastRepeatAt'; attribute: string }[] = [
  { field: 'stateTimestamp', attribute: 'state_timestamp' },
  { field: 'stateDetail', attribute: 'state_detail' },
  { field: 'acknowledged', attribute: 'acknowledged' },
  { field: 'lastRepeatAt', attribute: 'last_repeat_at' },
];

/**
 * The UpdateExpression of a state write: only the state attributes (a full Put would undo an API
 * edit that landed since the evaluator's read); undefined leaves an attribute, null removes it.
 */
export function stateUpdateExpression(update: StateUpdate): { expression: string; names: Record<string, string>; values: Item } {
  const sets = ['#state = :state', '#reason = :reason', '#version = :next'];
  const removes: string[] = [];
  const names: Record<string, string> = { '#state': 'state', '#reason': 'state_reason', '#version': 'version' };
  const values: Item = { ':state': update.state, ':reason': update.stateReason, ':next': update.expectedVersion + 1, ':expected': update.expectedVersion };
  OPTIONAL.forEach(({ field, attribute }, index) => {
    const value = update[field];
    if (value === undefined) return;
    names[`#o${index}`] = attribute;
    if (value === null) {
      removes.push(`#o${index}`);
      return;
    }
    values[`:o${index}`] = value;
    sets.push(`#o${index} = :o${index}`);
  });
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return { expression, names, values };
}
