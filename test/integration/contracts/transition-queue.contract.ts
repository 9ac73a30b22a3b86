import { describe, expect, it } from 'vitest';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { TransitionQueueUnavailableError } from '../../../shared/errors.js';
import type { DeadLetter } from '../../../shared/ports/dead-letter-queue.js';
import type { TransitionQueue } from '../../../shared/ports/transition-queue.js';
import { TRANSITION_MESSAGE_MAX_BYTES, transitionMessageBytes } from '../../../shared/transitions/message-size.js';

/** A fresh, empty queue plus the consumer side the port does not have. */
export interface QueueUnderTest {
  queue: TransitionQueue;
  /**
   * Receives (and removes) messages until `expected` have arrived or a few seconds passed,
   * then checks once more so that extra deliveries (failed dedup) show up in the result.
   */
  receive(expected: number): Promise<TransitionMessage[]>;
  /** The letters parked in the queue's dead-letter queue so far (removed as read). */
  deadLetters(expected: number): Promise<DeadLetter[]>;
}

export interface TransitionQueueAdapter {
  make(): Promise<QueueUnderTest>;
  /** A queue whose backend cannot be reached (closed port, injected fault). */
  makeUnavailable(): Promise<TransitionQueue>;
}

let counter = 0;

/** A realistic §4.1 payload; ids are unique per call unless given. */
export function makeTransition(alarmId: string, overrides: Partial<TransitionMessage> = {}): TransitionMessage {
  counter += 1;
  return {
    transition_id: `t-${Date.now()}-${counter}`,
    timestamp: '2024-03-01T10:00:01.000000',
    actions: ['http://receiver.example/hook', 'log://'],
    alarm_id: alarmId,
    alarm_name: `alarm ${alarmId}`,
    severity: 'moderate',
    previous: 'insufficient data',
    current: 'alarm',
    reason: 'Transition to alarm due to 1 samples outside threshold, most recent: 91.0',
    reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
    ...overrides,
  };
}

const ofAlarm = (messages: TransitionMessage[], alarmId: string) => messages.filter((message) => message.alarm_id === alarmId);

/**
 * The TransitionQueue port's behaviour, which every adapter must pass. Global order across
 * alarms is not part of it (SQS FIFO orders per message group only), and neither is the
 * FIFO group lock: local-aws-sqs does not enforce it, so the SQS run could not check it.
 */
export function transitionQueueContract(name: string, adapter: TransitionQueueAdapter): void {
  describe(`TransitionQueue contract: ${name}`, () => {
    it('delivers sent messages with their exact content', async () => {
      const { queue, receive } = await adapter.make();
      const sent = [
        makeTransition('alarm-a'),
        makeTransition('alarm-b', {
          actions: [],
          previous: 'ok',
          current: 'insufficient data',
          reason: 'No datapoint for granularity 60 — ünïcödé, "quotes", \\ and \u{1F514}',
          reason_data: { type: 'threshold', nested: { list: [1, 2.5, null, true] } },
        }),
      ];

      await queue.send(sent);

      const received = await receive(2);
      expect(received).toHaveLength(2);
      expect(ofAlarm(received, 'alarm-a')).toEqual([sent[0]]);
      expect(ofAlarm(received, 'alarm-b')).toEqual([sent[1]]);
    });

    it('keeps each alarm’s order across 50 interleaved messages', async () => {
      const { queue, receive } = await adapter.make();
      const alarms = ['alarm-x', 'alarm-y', 'alarm-z'];
      const sent = Array.from({ length: 50 }, (_, index) => makeTransition(alarms[index % 3] ?? 'alarm-x', { reason: `step ${index}` }));

      // Two calls, so order must hold both within a call (across its batches) and across calls.
      await queue.send(sent.slice(0, 30));
      await queue.send(sent.slice(30));

      const received = await receive(50);
      expect(received).toHaveLength(50);
      for (const alarm of alarms) expect(ofAlarm(received, alarm).map((m) => m.reason)).toEqual(ofAlarm(sent, alarm).map((m) => m.reason));
    });

    it('delivers a transition re-sent within the dedup window once', async () => {
      const { queue, receive } = await adapter.make();
      const first = makeTransition('alarm-d');
      const second = makeTransition('alarm-d');

      // Re-sent in the same call and in a later one, as the outbox does after a failed hand-off.
      // Both happen before the consumer takes the first copy: local-aws-sqs only dedupes against
      // messages still in the queue, while AWS remembers the id for 5 minutes.
      await queue.send([first, second, first]);
      await queue.send([first, second]);

      expect(await receive(2)).toEqual([first, second]);
    });

    it('accepts 25 messages in one call, split into batches, and delivers them all', async () => {
      const { queue, receive } = await adapter.make();
      const sent = Array.from({ length: 25 }, (_, index) => makeTransition(`alarm-${index % 7}`));

      await queue.send(sent);

      const received = await receive(25);
      expect(received).toHaveLength(25);
      expect(new Set(received.map((m) => m.transition_id))).toEqual(new Set(sent.map((m) => m.transition_id)));
    });

    it('accepts an empty send without doing anything', async () => {
      const { queue, receive } = await adapter.make();

      await queue.send([]);

      expect(await receive(0)).toEqual([]);
    });

    it('throws TransitionQueueUnavailableError when the queue cannot be reached', async () => {
      const queue = await adapter.makeUnavailable();

      await expect(queue.send([makeTransition('alarm-u')])).rejects.toBeInstanceOf(TransitionQueueUnavailableError);
    });

    it('parks a message over the size limit in the dead-letter queue with its reason, and still sends the rest', async () => {
      const { queue, receive, deadLetters } = await adapter.make();
      const small = makeTransition('alarm-small');
      const huge = makeTransition('alarm-huge', { reason: 'r'.repeat(300 * 1024) });

      const report = await queue.sendEach([huge, small]);

      expect(report.accepted).toEqual([small]);
      expect(report.retry).toEqual([]);
      expect(report.deadLettered).toEqual([{ message: huge, reason: expect.stringMatching(/exceeds the transition queue's limit of 262144 bytes/) }]);
      expect(await receive(1)).toEqual([small]);
      const [letter, ...others] = await deadLetters(1);
      expect(others).toEqual([]);
      expect(letter).toMatchObject({ alarmId: 'alarm-huge', reason: report.deadLettered[0]?.reason });
      // The letter fits the dead-letter queue too: the same transition, its reason cut and marked.
      const parked = JSON.parse(letter?.body ?? '{}') as TransitionMessage;
      expect(parked).toMatchObject({ transition_id: huge.transition_id, alarm_id: 'alarm-huge', actions: huge.actions, current: 'alarm' });
      expect(parked.reason).toMatch(/^r+ \[…truncated\]$/);
      expect(transitionMessageBytes(parked)).toBeLessThanOrEqual(TRANSITION_MESSAGE_MAX_BYTES);
    });

    it('send resolves when the only message it could not queue was dead-lettered', async () => {
      const { queue, deadLetters } = await adapter.make();

      await queue.send([makeTransition('alarm-huge', { reason: 'r'.repeat(300 * 1024) })]);

      expect(await deadLetters(1)).toHaveLength(1);
    });

    it('sendEach reports every message as to retry, without throwing, when the queue cannot be reached', async () => {
      const queue = await adapter.makeUnavailable();
      const messages = [makeTransition('alarm-u'), makeTransition('alarm-v')];

      const report = await queue.sendEach(messages);

      expect(report.accepted).toEqual([]);
      expect(report.deadLettered).toEqual([]);
      expect(report.retry.map((entry) => entry.message)).toEqual(messages);
    });
  });
}
