import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarm.js';
import { CandidateCache } from '../../../shared/listener/candidate-cache.js';
import { EventOrder } from '../../../shared/listener/event-order.js';
import { evaluateEventAlarms, type ListenerDeps } from '../../../shared/services/listener/evaluate-event-alarms.js';
import { collect } from '../../../shared/services/paging.js';
import { makeAlarm } from '../../support/alarm-factory.js';
import { evaluatorOnEmulator } from '../../support/evaluator-harness.js';

function eventAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return makeAlarm({
    type: 'event',
    description: 'Alarm when compute.instance.* event occurred.',
    project_id: 'p1',
    alarm_actions: ['http://receiver.example/alarm'],
    rule: { event_type: 'compute.instance.*', query: [{ field: 'traits.state', op: 'eq', value: 'error', type: 'string' }] },
    ...overrides,
  });
}

/** A Ceilometer event forwarded on EventBridge (the documented first shape). */
function ceilometerEvent(id: string, state: string, project = 'p1') {
  return {
    version: '0', id: `eb-${id}`, 'detail-type': 'Ceilometer Event', source: 'openstack.ceilometer', account: '000000000000',
    time: '2026-11-24T10:00:00Z', region: 'us-east-1', resources: [],
    detail: { message_id: id, event_type: 'compute.instance.update', generated: '2026-11-24T10:00:00', traits: [['project_id', 1, project], ['state', 1, state]] },
  };
}

async function listener(ttlSeconds = 60): Promise<{ deps: ListenerDeps; harness: Awaited<ReturnType<typeof evaluatorOnEmulator>> }> {
  const harness = await evaluatorOnEmulator();
  const { store, queue, deps: evaluatorDeps } = harness;
  const deps: ListenerDeps = { store, queue, clock: evaluatorDeps.clock, newId: evaluatorDeps.newId, serviceIdentity: evaluatorDeps.serviceIdentity, cache: new CandidateCache({ ttlSeconds, clock: { now: () => new Date() } }), order: new EventOrder(), concurrency: 5 };
  return { deps, harness };
}

describe('the listener on DynamoDB Local', () => {
  it('fires matching alarms for good events while bad events in the same stream are logged and skipped', async () => {
    const { deps, harness } = await listener();
    const alarm = await harness.store.createAlarm(eventAlarm());
    const stream = [{ detail: 'not an event' }, ceilometerEvent('m-ok', 'active'), { 'detail-type': 'Ceilometer Event', id: 'x', detail: { event_type: 'compute.instance.update', traits: [] } }, ceilometerEvent('m-err', 'error')];
    const reports = [];
    for (const event of stream) reports.push(await evaluateEventAlarms(deps, event));
    expect(reports.map((report) => Boolean(report.invalid))).toEqual([true, false, true, false]);
    expect(reports[3]?.fired).toBe(1);
    const stored = await harness.store.getAlarm(alarm.alarm_id);
    expect(stored?.state).toBe('alarm');
    expect(stored?.state_reason).toBe('Event <id=m-err,event_type=compute.instance.update> hits the query <query=[{"field": "traits.state", "op": "eq", "type": "string", "value": "error"}]>.');
    const [notification] = harness.queue.messages();
    expect(notification).toMatchObject({ alarm_id: alarm.alarm_id, previous: 'insufficient data', current: 'alarm', reason_data: { type: 'event', event: ceilometerEvent('m-err', 'error').detail } });
    harness.destroy();
  });

  it('with repeat_actions records and notifies every matching event, its own writes kept in the cache', async () => {
    const { deps, harness } = await listener();
    const alarm = await harness.store.createAlarm(eventAlarm({ repeat_actions: true }));
    for (const id of ['e1', 'e2', 'e3']) expect((await evaluateEventAlarms(deps, ceilometerEvent(id, 'error'))).outcomes).toEqual({ transitioned: 1 });
    const transitions = (await collect(harness.store.listHistory({ alarmId: alarm.alarm_id }))).filter((row) => row.type === 'state transition');
    expect(transitions).toHaveLength(3);
    expect(harness.queue.messages()).toHaveLength(3);
    harness.destroy();
  });

  it('fires once without repeat_actions, and never for another project', async () => {
    const { deps, harness } = await listener();
    const alarm = await harness.store.createAlarm(eventAlarm());
    await evaluateEventAlarms(deps, ceilometerEvent('other', 'error', 'p2'));
    expect((await harness.store.getAlarm(alarm.alarm_id))?.state).toBe('insufficient data');
    await evaluateEventAlarms(deps, ceilometerEvent('first', 'error'));
    const second = await evaluateEventAlarms(deps, ceilometerEvent('second', 'error'));
    expect(second.fired).toBe(0);
    expect(harness.queue.messages()).toHaveLength(1);
    harness.destroy();
  });

  // Issue 17 item 1. Before: the events of one batch (the local bus invokes each PutEvents entry at
  // once) raced for the alarm's conditional write; the loser got lost-race and one firing was gone.
  const transitionsOf = async (harness: Awaited<ReturnType<typeof listener>>['harness'], alarmId: string) =>
    (await collect(harness.store.listHistory({ alarmId }))).filter((row) => row.type === 'state transition');

  it.each([60, 0])('with repeat_actions, every matching event of one batch records and notifies (cache ttl %i)', async (ttl) => {
    const { deps, harness } = await listener(ttl);
    const alarm = await harness.store.createAlarm(eventAlarm({ repeat_actions: true }));
    const reports = await Promise.all(['b1', 'b2', 'b3'].map((id) => evaluateEventAlarms(deps, ceilometerEvent(id, 'error'))));
    expect(reports.map((report) => report.outcomes)).toEqual([{ transitioned: 1 }, { transitioned: 1 }, { transitioned: 1 }]);
    expect(await transitionsOf(harness, alarm.alarm_id)).toHaveLength(3);
    expect(harness.queue.messages().map((message) => message.reason)).toEqual(['b1', 'b2', 'b3'].map((id) => expect.stringContaining(`<id=${id},`)));
    expect((await harness.store.getAlarm(alarm.alarm_id))?.state_reason).toContain('<id=b3,');
    expect(deps.order.pending).toBe(0);
    harness.destroy();
  });

  it.each([60, 0])('without repeat_actions, the first matching event in batch order is the one that fires (cache ttl %i)', async (ttl) => {
    const { deps, harness } = await listener(ttl);
    const alarm = await harness.store.createAlarm(eventAlarm());
    const batch = [ceilometerEvent('n0', 'active'), ceilometerEvent('n1', 'error'), ceilometerEvent('n2', 'error'), ceilometerEvent('n3', 'error')];
    const reports = await Promise.all(batch.map((event) => evaluateEventAlarms(deps, event)));
    expect(reports.map((report) => report.fired)).toEqual([0, 1, 0, 0]);
    expect((await harness.store.getAlarm(alarm.alarm_id))?.state_reason).toContain('<id=n1,');
    expect(await transitionsOf(harness, alarm.alarm_id)).toHaveLength(1);
    expect(harness.queue.messages()).toHaveLength(1);
    harness.destroy();
  });

  it('a write lost to another listener process is re-read and re-checked: no repeat firing dropped, no second first-fire', async () => {
    const { deps, harness } = await listener();
    // A second process: its own cache and order, the same store (two Lambda containers).
    const other: ListenerDeps = { ...deps, cache: new CandidateCache({ ttlSeconds: 60, clock: { now: () => new Date() } }), order: new EventOrder() };
    const repeating = await harness.store.createAlarm(eventAlarm({ repeat_actions: true }));
    const once = await harness.store.createAlarm(eventAlarm({ alarm_actions: ['http://receiver.example/once'] }));
    await Promise.all([deps.cache.get('p1', () => harness.store.listEventAlarms('p1')), other.cache.get('p1', () => harness.store.listEventAlarms('p1'))]);
    const reports = await Promise.all([evaluateEventAlarms(deps, ceilometerEvent('x1', 'error')), evaluateEventAlarms(other, ceilometerEvent('x2', 'error'))]);
    expect(await transitionsOf(harness, repeating.alarm_id)).toHaveLength(2);
    expect(await transitionsOf(harness, once.alarm_id)).toHaveLength(1);
    expect(reports.reduce((sum, report) => sum + report.fired, 0)).toBe(3);
    expect(reports.every((report) => report.outcomes['lost-race'] === undefined)).toBe(true);
    harness.destroy();
  });
});
