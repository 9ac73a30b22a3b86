import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/domain/alarm.js';
import { matchEventAlarm } from '../../../shared/listener/match.js';
import { cond, eventAlarm, parsed } from './fixtures.js';

// The two PutEvents entries documented in the README's listener section, delivered as EventBridge delivers them.
const doc = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const entries = [...doc.matchAll(/```json\n(\{\n {2}"Source"[\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? '') as Record<string, string>);
const delivered = (entry: Record<string, string> | undefined, id: string): JsonObject => ({
  version: '0',
  id,
  'detail-type': entry?.DetailType ?? '',
  source: entry?.Source ?? '',
  account: '123456789012',
  time: '2024-05-01T10:00:01Z',
  region: 'eu-west-1',
  resources: [],
  detail: JSON.parse(entry?.Detail ?? '{}') as JsonObject,
});
const PROJECT = '9b4c7c0e3f5a4a6f8f1d2e3c4b5a6978';

describe('README listener examples', () => {
  it('documents exactly two entries', () => {
    expect(entries).toHaveLength(2);
  });

  it('the Ceilometer example parses and fires its example alarm with the documented reason', () => {
    const event = parsed(delivered(entries[0], 'eb-1'));
    expect(event).toMatchObject({ shape: 'ceilometer', message_id: 'c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00', project: PROJECT });
    const alarm = eventAlarm({ event_type: 'compute.instance.*', query: [cond('traits.state', 'eq', 'error', 'string')] }, { project_id: PROJECT });
    expect(matchEventAlarm(alarm, event)?.reason).toBe(
      'Event <id=c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00,event_type=compute.instance.update> hits the query <query=[{"field": "traits.state", "op": "eq", "type": "string", "value": "error"}]>.',
    );
  });

  it('the native example parses as documented and fires its example alarm', () => {
    const event = parsed(delivered(entries[1], 'eb-2'));
    expect(event).toMatchObject({ shape: 'native', message_id: 'eb-2', event_type: 'Order Failed', project: PROJECT });
    expect(Object.keys(event.traits)).toEqual(['project_id', 'orderId', 'amount', 'paid', 'customer.tier', 'customer.tags.0', 'customer.tags.1']);
    const query = [cond('traits.customer.tier', 'eq', 'gold'), cond('traits.paid', 'eq', 'false', 'boolean')];
    expect(matchEventAlarm(eventAlarm({ event_type: 'Order *', query }, { project_id: PROJECT }), event)).toBeDefined();
  });
});
