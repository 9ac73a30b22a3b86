import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryAlarmStore } from '../../../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../../../shared/adapters/memory/memory-transition-queue.js';
import type { AlarmTypePlugin, AlarmTypeRegistry } from '../../../../shared/alarm-types/plugin.js';
import { parseRuleObject } from '../../../../shared/alarm-types/rule-object.js';
import { comparisonFields } from '../../../../shared/evaluation/comparison.js';
import { comparisonOf } from '../../../../shared/evaluation/rule-fields.js';
import { checkSemantics, semanticsFields } from '../../../../shared/evaluation/semantics/fields.js';
import { classifyPeriods } from '../../../../shared/evaluation/threshold.js';
import { evaluateShard, type EvaluatorDeps } from '../../../../shared/services/evaluation/evaluate-shard.js';
import { makeAlarm } from '../../../support/alarm-factory.js';

/** A threshold type whose one value per cycle the test sets, with the semantics fields spread in. */
let current = 0;
const scripted: AlarmTypePlugin = {
  type: 'scripted_threshold',
  trigger: 'scheduled',
  composable: true,
  parseRule: (input) =>
    checkSemantics(parseRuleObject('scripted_threshold', input, { ...comparisonFields, evaluation_periods: { type: 'int', default: 1 }, ...semanticsFields })),
  evaluateThreshold: async (rule) => classifyPeriods([current], { ...comparisonOf(rule), evaluation_periods: 1 }),
};
const types: AlarmTypeRegistry = { scripted_threshold: scripted };

function setup() {
  const store = new MemoryAlarmStore({ shardOf: () => 0, isScheduledType: () => true, isEventType: () => false });
  const queue = new MemoryTransitionQueue();
  let now = new Date('2026-01-01T00:00:00Z');
  const deps: EvaluatorDeps = {
    store,
    queue,
    clock: { now: () => now },
    newId: randomUUID,
    serviceIdentity: { userId: 'aodh', projectId: 'service' },
    alarmTypes: types,
    sources: {},
    additionalIngestionLag: 0,
    concurrency: 1,
  };
  /** One evaluation cycle, 60 s after the previous one, seeing `value`. */
  const cycle = async (value: number) => {
    current = value;
    now = new Date(now.getTime() + 60_000);
    return evaluateShard(deps, 0, now);
  };
  return { store, queue, cycle };
}

const rule = { comparison_operator: 'gt', threshold: 80, datapoints_to_alarm: 1, pending_period: 120, recovery_period: 60 };

describe('pending_period / recovery_period through the evaluator', () => {
  it('moves to alarm only after the condition held pending_period; state_detail shows the wait; steady cycles write nothing', async () => {
    const { store, queue, cycle } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'ok', rule: scripted.parseRule(rule), alarm_actions: ['log://'], ok_actions: ['log://'] }));

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
    const { store, queue, cycle } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'ok', rule: scripted.parseRule(rule), alarm_actions: ['log://'] }));
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
    const { store, cycle } = setup();
    const alarm = await store.createAlarm(makeAlarm({ type: 'scripted_threshold', state: 'alarm', rule: scripted.parseRule(rule) }));
    await cycle(10);
    expect(await store.getAlarm(alarm.alarm_id)).toMatchObject({ state: 'alarm', state_detail: { pending: 'ok' } });
    await cycle(10);
    expect(await store.getAlarm(alarm.alarm_id)).toMatchObject({ state: 'ok' });
  });
});
