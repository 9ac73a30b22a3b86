import { describe, expect, it } from 'vitest';
import { EventOrder } from '../../../shared/listener/event-order.js';
import { makeAlarm } from '../../support/alarm-factory.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('EventOrder', () => {
  it('runs one alarm\'s firings in queue order, each with the copy the previous one wrote; other alarms meanwhile', async () => {
    const order = new EventOrder();
    const a = makeAlarm({ alarm_id: 'a', version: 1 });
    const log: string[] = [];
    const slowFirst = order.inAlarmOrder(a, async (current) => {
      await tick();
      log.push(`a1@${current.version}`);
      return { result: 1, after: { ...current, version: current.version + 1 } };
    });
    const second = order.inAlarmOrder(a, async (current) => {
      log.push(`a2@${current.version}`);
      return { result: 2 };
    });
    const other = order.inAlarmOrder(makeAlarm({ alarm_id: 'b' }), async () => {
      log.push('b');
      return { result: 3 };
    });
    expect(await Promise.all([slowFirst, second, other])).toEqual([1, 2, 3]);
    expect(log).toEqual(['b', 'a1@1', 'a2@2']);
    expect(order.pending).toBe(0);
  });

  it('keeps going after a failed task, and checks of one project run in arrival order', async () => {
    const order = new EventOrder();
    const log: number[] = [];
    const failing = order.inProjectOrder('p', async () => {
      await tick();
      throw new Error('store down');
    });
    const next = order.inProjectOrder('p', async () => log.push(2));
    await expect(failing).rejects.toThrow('store down');
    await next;
    expect(log).toEqual([2]);
    await tick();
    expect(order.pending).toBe(0);
  });
});
