import { describe, expect, it } from 'vitest';
import { makeAlarm } from '../../../support/alarm-factory.js';
import { scriptedEvaluator } from '../../../support/scripted-evaluator.js';

const setup = () => scriptedEvaluator({ semantics: true });

const rule = { comparison_operator: 'gt', threshold: 80, datapoints_to_alarm: 1, pending_period: 120, recovery_period: 60 };

describe('pending_period / recovery_period through the evaluator', () => {
  it('moves to alarm only after the condition held pending_period; state_detail shows the wait; steady cycles write nothing', async () => {
    const { store, queue, cycle, parseRule } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'ok', rule: parseRule(rule), alarm_actions: ['log://'], ok_actions: ['log://'] }));

    expect((await cycle(90)).outcomes).toEqual({ pending: 1 });
    const pending = await store.getAlarm(alarm.alarm_id);
    expect(pending).toMatchObject({ state: 'ok', state_detail: { pending: 'alarm', since: '2026-01-01T00:01:00' } });
    expect(pending?.state_reason).toMatch(/^Pending alarm since 2026-01-01T00:01:00 \(pending_period 120 s\): 1 of 1 datapoints breaching threshold/);

    expect((await cycle(95)).outcomes).toEqual({});
    expect((await store.getAlarm(alarm.alarm_id))?.version).toBe(pending?.version);

    expect((await cycle(95)).outcomes).toEqual({ transitioned: 1 });
    const fired = await store.getAlarm(alarm.alarm_id);
    expect(fired).toMatchObject({ state: 'alarm' });
    expect(fired).not.toHaveProperty('state_detail');
    expect(fired?.state_reason).toMatch(/after pending_period 120 s$/);
    // Only the real transition notifies; the pending start wrote history but queued nothing.
    expect(queue.messages().map((m) => m.current)).toEqual(['alarm']);
    const history: string[] = [];
    for await (const row of store.listHistory({ alarmId: alarm.alarm_id, order: 'asc' })) history.push(row.detail);
    expect(history).toHaveLength(2);
    expect(JSON.parse(history[0] ?? '{}')).toMatchObject({ state: 'ok', state_detail: { pending: 'alarm' } });
    expect(JSON.parse(history[1] ?? '{}')).toMatchObject({ state: 'alarm' });
  });

  it('a breach shorter than pending_period is called off and never alarms', async () => {
    const { store, queue, cycle, parseRule } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'ok', rule: parseRule(rule), alarm_actions: ['log://'] }));
    await cycle(90);
    expect((await cycle(10)).outcomes).toEqual({ pending: 1 });
    const after = await store.getAlarm(alarm.alarm_id);
    expect(after).toMatchObject({ state: 'ok' });
    expect(after).not.toHaveProperty('state_detail');
    expect(after?.state_reason).toMatch(/\(pending alarm called off\)$/);
    for (const value of [90, 10, 90, 10]) await cycle(value);
    expect((await store.getAlarm(alarm.alarm_id))?.state).toBe('ok');
    expect(queue.messages()).toEqual([]);
  });

  it('recovery_period delays the way back to ok', async () => {
    const { store, cycle, parseRule } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'alarm', rule: parseRule(rule) }));
    await cycle(10);
    expect(await store.getAlarm(alarm.alarm_id)).toMatchObject({ state: 'alarm', state_detail: { pending: 'ok' } });
    await cycle(10);
    expect(await store.getAlarm(alarm.alarm_id)).toMatchObject({ state: 'ok' });
  });
});
