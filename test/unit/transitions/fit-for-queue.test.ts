import { describe, expect, it } from 'vitest';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { EVENT_SUMMARY_FIELD_MAX_BYTES, fitForDeadLetter, fitForQueue } from '../../../shared/transitions/fit-for-queue.js';
import { TRANSITION_MESSAGE_MAX_BYTES, transitionMessageBytes } from '../../../shared/transitions/message-size.js';

function message(overrides: Partial<TransitionMessage> = {}): TransitionMessage {
  return {
    transition_id: 't-1',
    timestamp: '2026-11-24T10:00:00',
    actions: ['http://receiver.example/alarm'],
    alarm_id: 'a-1',
    alarm_name: 'big event',
    severity: 'low',
    previous: 'insufficient data',
    current: 'alarm',
    reason: 'Event <id=m-1,event_type=compute.instance.update> hits the query <query=[]>.',
    reason_data: { type: 'event', event: { message_id: 'm-1', event_type: 'compute.instance.update' } },
    ...overrides,
  };
}

describe('fitForQueue (the source bound of a transition message)', () => {
  it('returns a message that fits as it is, the very object', () => {
    const small = message();
    expect(fitForQueue(small)).toBe(small);
  });

  it('keeps a message of exactly the limit, and summarises one a byte over', () => {
    const base = message({ reason_data: { type: 'event', event: { message_id: 'm-1', blob: '' } } });
    const exact = message({ reason_data: { type: 'event', event: { message_id: 'm-1', blob: 'x'.repeat(TRANSITION_MESSAGE_MAX_BYTES - transitionMessageBytes(base)) } } });
    expect(transitionMessageBytes(exact)).toBe(TRANSITION_MESSAGE_MAX_BYTES);
    expect(fitForQueue(exact)).toBe(exact);
    const over = message({ ...exact, reason_data: { type: 'event', event: { message_id: 'm-1', blob: `${'x'.repeat(TRANSITION_MESSAGE_MAX_BYTES - transitionMessageBytes(base))}y` } } });
    expect(fitForQueue(over).reason_data).toEqual({
      type: 'event',
      event: { message_id: 'm-1' },
      truncated: { field: 'event', dropped_fields: ['blob'], original_bytes: TRANSITION_MESSAGE_MAX_BYTES + 1, limit_bytes: TRANSITION_MESSAGE_MAX_BYTES },
    });
  });

  it('summarises an oversized event to its small top-level fields, and changes nothing else', () => {
    const event = { id: 'eb-1', 'detail-type': 'Ceilometer Event', small: 's'.repeat(EVENT_SUMMARY_FIELD_MAX_BYTES - 2), detail: { traits: ['x'.repeat(300_000)] } };
    const big = message({ reason_data: { type: 'event', event } });

    const fitted = fitForQueue(big);

    expect(fitted.reason_data['event']).toEqual({ id: 'eb-1', 'detail-type': 'Ceilometer Event', small: event.small });
    expect(fitted.reason_data['truncated']).toMatchObject({ field: 'event', dropped_fields: ['detail'] });
    expect({ ...fitted, reason_data: big.reason_data }).toEqual(big);
    expect(transitionMessageBytes(fitted)).toBeLessThanOrEqual(TRANSITION_MESSAGE_MAX_BYTES);
    expect(fitForQueue(big)).toEqual(fitted); // deterministic: the outbox's re-sends stay identical
  });

  it('cuts any other oversized reason_data to its type and the marker', () => {
    const big = message({ reason_data: { type: 'composite', alarms: Array.from({ length: 40_000 }, (_, i) => `alarm-${i}`) } });
    expect(fitForQueue(big).reason_data).toEqual({ type: 'composite', truncated: { field: 'reason_data', original_bytes: transitionMessageBytes(big), limit_bytes: TRANSITION_MESSAGE_MAX_BYTES } });
  });

  it('leaves a message too large for reasons outside reason_data as it is (the queue dead-letters it)', () => {
    const big = message({ reason: 'r'.repeat(300_000) });
    expect(fitForQueue(big).reason).toBe(big.reason);
  });
});

describe('fitForDeadLetter', () => {
  it('cuts the reason (marked, whole characters) until the letter fits the limit', () => {
    const big = message({ reason: 'é'.repeat(200_000) });
    const letter = fitForDeadLetter(big, 100_000);
    expect(transitionMessageBytes(letter)).toBeLessThanOrEqual(100_000);
    expect(letter.reason).toMatch(/^é+ \[…truncated\]$/);
    expect(letter).toMatchObject({ transition_id: 't-1', alarm_id: 'a-1', actions: big.actions });
  });

  it('keeps only the identity and states when even the name or actions are too large', () => {
    const letter = fitForDeadLetter(message({ alarm_name: 'n'.repeat(200_000) }), 100_000);
    expect(letter).toMatchObject({ transition_id: 't-1', alarm_id: 'a-1', previous: 'insufficient data', current: 'alarm', actions: [], reason_data: { truncated: { field: 'message' } } });
  });
});
