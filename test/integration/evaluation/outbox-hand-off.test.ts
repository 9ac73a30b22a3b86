import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningEmulator } from '../../../infra/local/dynamodb-local.js';
import { ensureTransitionQueues, startSqsLocal } from '../../../infra/local/sqs-local.js';
import { FAILURE_REASON_ATTRIBUTE, SqsDeadLetterQueue } from '../../../shared/adapters/sqs/sqs-dead-letter-queue.js';
import { SqsTransitionQueue } from '../../../shared/adapters/sqs/sqs-transition-queue.js';
import type { Alarm } from '../../../shared/domain/alarm.js';
import { shardOf } from '../../../shared/domain/shard.js';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { CandidateCache } from '../../../shared/listener/candidate-cache.js';
import { EventOrder } from '../../../shared/listener/event-order.js';
import { evaluateEventAlarms } from '../../../shared/services/listener/evaluate-event-alarms.js';
import { collect } from '../../../shared/services/paging.js';
import { resendPending } from '../../../shared/transitions/hand-off.js';
import { TRANSITION_MESSAGE_MAX_BYTES, transitionMessageBytes } from '../../../shared/transitions/message-size.js';
import { makeAlarm } from '../../support/alarm-factory.js';
import { evaluatorOnEmulator } from '../../support/evaluator-harness.js';

/** The store on DynamoDB Local, the queue and its DLQ on local-aws-sqs (in-process), as deployed. */
let sqs: RunningEmulator;
let client: SQSClient;
beforeAll(async () => {
  sqs = await startSqsLocal();
  client = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});
afterAll(async () => {
  client.destroy();
  await sqs.stop();
});
afterEach(() => vi.restoreAllMocks());

async function onEmulators() {
  const harness = await evaluatorOnEmulator();
  const urls = await ensureTransitionQueues(client, { queue: `ho-${randomUUID().slice(0, 8)}`, deadLetter: `ho-dlq-${randomUUID().slice(0, 8)}` });
  const queue = new SqsTransitionQueue({ client, queueUrl: urls.queueUrl, deadLetters: new SqsDeadLetterQueue({ client, queueUrl: urls.deadLetterUrl }) });
  return { ...harness, queue, urls };
}

/** Short polls until `expected` arrived, then one more round so that duplicates would show. */
async function drain(queueUrl: string, expected: number): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + 5_000;
  for (let extra = 0; extra < 2 && Date.now() < deadline; ) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'], MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    received.push(...Messages);
    if (Messages.length > 0) {
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    } else if (received.length < expected) await delay(50);
    if (received.length >= expected && Messages.length === 0) extra += 1;
  }
  return received;
}

const bodyOf = (message: Message) => JSON.parse(message.Body ?? 'null') as TransitionMessage;

/** `count` alarm ids that hash onto one shard, so one outbox partition holds them all. */
function idsOnOneShard(count: number): string[] {
  const byShard = new Map<number, string[]>();
  for (;;) {
    const id = randomUUID();
    const ids = [...(byShard.get(shardOf(id)) ?? []), id];
    if (ids.length === count) return ids;
    byShard.set(shardOf(id), ids);
  }
}

function pending(alarm: Alarm, reason: string): TransitionMessage {
  return {
    transition_id: randomUUID(),
    timestamp: '2026-11-24T10:00:00',
    actions: ['http://receiver.example/alarm'],
    alarm_id: alarm.alarm_id,
    alarm_name: alarm.name,
    severity: alarm.severity,
    previous: 'insufficient data',
    current: 'alarm',
    reason,
    reason_data: { type: 'threshold', disposition: 'outside', count: 1, most_recent: 91 },
  };
}

describe('the transition outbox and the real queue (DynamoDB Local, local-aws-sqs)', () => {
  it('queues a fired event alarm whose 253 KiB event and long name exceed 256 KiB, reason_data.event summarised and marked, and clears the outbox', async () => {
    const { store, queue, urls, deps: evaluatorDeps, destroy } = await onEmulators();
    const alarm = await store.createAlarm(
      makeAlarm({ type: 'event', name: `n${'-'.repeat(4_000)}`, project_id: 'p1', alarm_actions: ['http://receiver.example/alarm'], rule: { event_type: 'compute.instance.*', query: [] } }),
    );
    const detail = { message_id: 'm-big', event_type: 'compute.instance.update', generated: '2026-11-24T10:00:00', traits: [['project_id', 1, 'p1'], ['blob', 1, 'x'.repeat(259_000)]] };
    const event = { version: '0', id: 'eb-big', 'detail-type': 'Ceilometer Event', source: 'openstack.ceilometer', account: '000000000000', time: '2026-11-24T10:00:00Z', region: 'us-east-1', resources: [], detail };
    const deps = { ...evaluatorDeps, store, queue, cache: new CandidateCache({ ttlSeconds: 0, clock: { now: () => new Date() } }), order: new EventOrder(), concurrency: 1 };

    const report = await evaluateEventAlarms(deps, event);

    expect(report.outcomes).toEqual({ transitioned: 1 });
    const [received, ...more] = (await drain(urls.queueUrl, 1)).map(bodyOf);
    expect(more).toEqual([]);
    expect(received?.reason_data).toEqual({
      type: 'event',
      event: { message_id: 'm-big', event_type: 'compute.instance.update', generated: '2026-11-24T10:00:00' },
      truncated: { field: 'event', dropped_fields: ['traits'], original_bytes: expect.any(Number), limit_bytes: TRANSITION_MESSAGE_MAX_BYTES },
    });
    expect((received?.reason_data['truncated'] as { original_bytes: number }).original_bytes).toBeGreaterThan(TRANSITION_MESSAGE_MAX_BYTES);
    expect(transitionMessageBytes(received as TransitionMessage)).toBeLessThanOrEqual(TRANSITION_MESSAGE_MAX_BYTES);
    // The reason is whole, and the same in the notification, the alarm and its history row.
    const stored = await store.getAlarm(alarm.alarm_id);
    const [row] = (await collect(store.listHistory({ alarmId: alarm.alarm_id }))).filter((change) => change.type === 'state transition');
    expect(received?.reason).toBe(stored?.state_reason);
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({ state: 'alarm', transition_reason: received?.reason });
    expect(received?.transition_id).toBe(row?.event_id);
    expect(await collect(store.listPendingTransitions(shardOf(alarm.alarm_id)))).toEqual([]);
    expect(await drain(urls.deadLetterUrl, 0)).toEqual([]);
    destroy();
  });

  it('delivers the rest of a shard exactly once when one entry can never be queued, which moves to the DLQ with its reason', async () => {
    const { store, queue, urls, destroy } = await onEmulators();
    const alarms = await Promise.all(idsOnOneShard(4).map((alarm_id) => store.createAlarm(makeAlarm({ alarm_id }))));
    const shard = shardOf(alarms[0]?.alarm_id ?? '');
    // Recorded by state changes whose hand-off failed: the last one's reason alone is 300 KB.
    const entries = alarms.map((alarm, index) => pending(alarm, index === 3 ? 'r'.repeat(300 * 1024) : `reason ${index}`));
    for (const [index, alarm] of alarms.entries()) {
      const notification = entries[index] as TransitionMessage;
      await store.updateState({ alarmId: alarm.alarm_id, expectedVersion: alarm.version, state: 'alarm', stateReason: notification.reason, notification });
    }
    const stdout = vi.spyOn(process.stdout, 'write');

    const first = await resendPending(store, queue, shard, new Date('2026-11-24T10:05:00Z'));
    const metricLines = stdout.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"_aws"'));
    const second = await resendPending(store, queue, shard);

    expect([first, second]).toEqual([4, 0]);
    expect(await collect(store.listPendingTransitions(shard))).toEqual([]);
    const delivered = (await drain(urls.queueUrl, 3)).map(bodyOf);
    expect(delivered.map((message) => message.transition_id).sort()).toEqual(entries.slice(0, 3).map((entry) => entry.transition_id).sort());
    const [letter, ...otherLetters] = await drain(urls.deadLetterUrl, 1);
    expect(otherLetters).toEqual([]);
    expect(letter?.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue).toMatch(/^transition message of \d+ bytes exceeds the transition queue's limit of 262144 bytes/);
    expect(bodyOf(letter ?? {})).toMatchObject({ transition_id: entries[3]?.transition_id, alarm_id: alarms[3]?.alarm_id, actions: entries[3]?.actions });
    // The outbox metrics (EMF) of the cycle that found it non-empty: 4 entries, the oldest 5 minutes old.
    expect(metricLines).toHaveLength(1);
    expect(JSON.parse(metricLines[0] ?? '{}')).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Aodh', Dimensions: [['FunctionName']], Metrics: [{ Name: 'OutboxDepth', Unit: 'Count' }, { Name: 'OutboxOldestAgeSeconds', Unit: 'Seconds' }] }] },
      FunctionName: 'local',
      shard,
      OutboxDepth: 4,
      OutboxOldestAgeSeconds: 300,
    });
    destroy();
  });

  it('keeps the entries in the outbox, and re-sends them next cycle, while the dead-letter queue is unreachable too', async () => {
    const { store, urls, destroy } = await onEmulators();
    const alarm = await store.createAlarm(makeAlarm());
    const entry = pending(alarm, 'r'.repeat(300 * 1024));
    await store.updateState({ alarmId: entry.alarm_id, expectedVersion: alarm.version, state: 'alarm', stateReason: entry.reason, notification: entry });
    const gone = new SqsDeadLetterQueue({ client, queueUrl: `${sqs.endpoint}/000000000000/missing.fifo` });
    const shard = shardOf(entry.alarm_id);

    expect(await resendPending(store, new SqsTransitionQueue({ client, queueUrl: urls.queueUrl, deadLetters: gone }), shard)).toBe(0);
    expect(await collect(store.listPendingTransitions(shard))).toHaveLength(1);
    const queue = new SqsTransitionQueue({ client, queueUrl: urls.queueUrl, deadLetters: new SqsDeadLetterQueue({ client, queueUrl: urls.deadLetterUrl }) });
    expect(await resendPending(store, queue, shard)).toBe(1);

    expect(await collect(store.listPendingTransitions(shard))).toEqual([]);
    expect(await drain(urls.deadLetterUrl, 1)).toHaveLength(1);
    destroy();
  });
});
