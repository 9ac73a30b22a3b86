import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import { createListenHandler } from '../../functions/listen/app.js';
import { createNotifyHandler } from '../../functions/notify/app.js';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { startLocalEventBus } from '../../infra/local/event-bus.js';
import { localContext } from '../../infra/local/lambda-context.js';
import { startNotifierLoop } from '../../infra/local/notifier-loop.js';
import { ensureTransitionQueues, startSqsLocal } from '../../infra/local/sqs-local.js';
import { createTables, tableNamesFor } from '../../shared/adapters/dynamodb/create-tables.js';
import { DynamoAlarmStore, documentClientFor } from '../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import { SqsDeadLetterQueue } from '../../shared/adapters/sqs/sqs-dead-letter-queue.js';
import { MemoryDeadLetterQueue } from '../../shared/adapters/memory/memory-dead-letter-queue.js';
import { MemoryDeliveryLedger } from '../../shared/adapters/memory/memory-delivery-ledger.js';
import { SqsTransitionQueue } from '../../shared/adapters/sqs/sqs-transition-queue.js';
import { alarmTypes } from '../../shared/alarm-types/registry.js';
import { CandidateCache } from '../../shared/listener/candidate-cache.js';
import { EventOrder } from '../../shared/listener/event-order.js';
import { LISTENER_EVENT_PATTERN } from '../../shared/listener/rule-pattern.js';
import { buildNotifiers } from '../../shared/notifiers/build-notifiers.js';
import type { AwsClientFactory } from '../../shared/notifiers/plugin.js';
import { notifiers } from '../../shared/notifiers/registry.js';
import type { ListenerDeps } from '../../shared/services/listener/evaluate-event-alarms.js';
import { makeAlarm } from '../support/alarm-factory.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { percentile, round, rssSampler, timedPool } from './stats.js';

const PROJECTS = 100;
const ALARMS_PER_PROJECT = 100;
const THROUGHPUT_EVENTS = 2_000;
const END_TO_END = 200;
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

function ceilometer(project: string, state: string, id = randomUUID()) {
  return { message_id: id, event_type: 'compute.instance.update', generated: '2026-11-24T10:00:00', traits: [['project_id', 1, project], ['state', 1, state]] };
}

/**
 * 10,000 event alarms across 100 projects on DynamoDB Local. Events per second through the
 * listen handler (candidates cached per project; one event in ten fires an alarm), then p99
 * from PutEvents on the local bus to webhook receipt through the chain `npm start` runs:
 * bus → listen → outbox/SQS → notify → receiver.
 */
export async function benchListener() {
  const rss = rssSampler();
  const [dynamo, sqsLocal, receiver] = await Promise.all([startDynamoDbLocal(), startSqsLocal(), startWebhookReceiver()]);
  const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  const sqs = new SQSClient({ endpoint: sqsLocal.endpoint, region: 'us-east-1', credentials });
  try {
    const tables = tableNamesFor('bench');
    await createTables(dynamoClient, tables);
    const store = new DynamoAlarmStore({ client: documentClientFor(dynamoClient), tables, isScheduledType: (type) => alarmTypes[type]?.trigger === 'scheduled', isEventType: (type) => alarmTypes[type]?.trigger === 'event' });
    await timedPool(PROJECTS * ALARMS_PER_PROJECT, 32, async (index) => {
      const project = `p${index % PROJECTS}`;
      const slot = Math.floor(index / PROJECTS);
      await store.createAlarm(makeAlarm({
        type: 'event', project_id: project, repeat_actions: true, alarm_actions: [`${receiver.url}/hook`],
        rule: { event_type: 'compute.instance.*', query: [{ field: 'traits.state', op: 'eq', value: `error-${slot}`, type: 'string' }] },
      }));
    });
    const { queueUrl, deadLetterUrl } = await ensureTransitionQueues(sqs, { queue: 'bench-transitions', deadLetter: 'bench-dead' });
    const deps: ListenerDeps = {
      store, queue: new SqsTransitionQueue({ client: sqs, queueUrl, deadLetters: new SqsDeadLetterQueue({ client: sqs, queueUrl: deadLetterUrl }) }), clock: { now: () => new Date() }, newId: randomUUID,
      serviceIdentity: { userId: 'aodh', projectId: 'service' }, cache: new CandidateCache({ ttlSeconds: 60, clock: { now: () => new Date() } }), order: new EventOrder(), concurrency: 20,
    };
    const listen = createListenHandler(deps);

    let started = performance.now();
    let fired = 0;
    await timedPool(THROUGHPUT_EVENTS, 8, async (index) => {
      const state = index % 10 === 0 ? `error-${index % ALARMS_PER_PROJECT}` : 'active';
      const report = await listen({ 'detail-type': 'Ceilometer Event', source: 'bench', id: randomUUID(), detail: ceilometer(`p${index % PROJECTS}`, state) }, localContext('bench'));
      fired += report.fired;
    });
    const eventsPerSecond = round(THROUGHPUT_EVENTS / ((performance.now() - started) / 1000), 0);

    const aws = new Proxy({}, { get: () => () => { throw new Error('unused'); } }) as AwsClientFactory;
    const notify = createNotifyHandler({
      delivery: { notifiers: buildNotifiers(notifiers, { settings: { webhookAllowLoopback: true }, readFile: () => { throw new Error('no PEM file in the bench'); }, aws }), ledger: new MemoryDeliveryLedger() },
      deadLetters: new MemoryDeadLetterQueue(),
      maxReceiveCount: 5,
    });
    const loop = startNotifierLoop(notify, sqs, queueUrl);
    await delay(2_000);
    const bus = await startLocalEventBus({ port: 0, busName: 'bench', pattern: LISTENER_EVENT_PATTERN, deliver: async (event) => void (await listen(event, localContext('bench'))) });
    const events = new EventBridgeClient({ endpoint: bus.url, region: 'us-east-1', credentials });
    const sentAt = new Map<string, number>();
    const before = receiver.requests.length;
    started = performance.now();
    for (let index = 0; index < END_TO_END; index++) {
      const detail = ceilometer(`p${index % PROJECTS}`, `error-${index % ALARMS_PER_PROJECT}`);
      sentAt.set(detail.message_id, Date.now());
      await events.send(new PutEventsCommand({ Entries: [{ Source: 'bench', DetailType: 'Ceilometer Event', Detail: JSON.stringify(detail) }] }));
      await delay(10);
    }
    while (receiver.requests.length - before < END_TO_END && performance.now() - started < 60_000) await delay(50);
    const latencies = receiver.requests.slice(before).map((request) => {
      const body = JSON.parse(request.body) as { reason_data: { event: { message_id: string } } };
      return request.at - (sentAt.get(body.reason_data.event.message_id) ?? request.at);
    });
    await loop.stop();
    await bus.stop();
    events.destroy();
    const result = { alarms: PROJECTS * ALARMS_PER_PROJECT, projects: PROJECTS, events_per_s: eventsPerSecond, fired_in_throughput_run: fired, end_to_end_events: latencies.length, put_to_webhook_p50_ms: round(percentile(latencies, 50)), put_to_webhook_p99_ms: round(percentile(latencies, 99)), peak_rss_mb: rss.peakMb() };
    const summary = `listener: ${eventsPerSecond} events/s over ${result.alarms} event alarms in ${PROJECTS} projects; PutEvents→webhook p50 ${result.put_to_webhook_p50_ms} ms p99 ${result.put_to_webhook_p99_ms} ms (${latencies.length}/${END_TO_END} delivered); peak RSS ${result.peak_rss_mb} MB`;
    return { result, summary };
  } finally {
    rss.stop();
    dynamoClient.destroy();
    sqs.destroy();
    await Promise.all([dynamo.stop(), sqsLocal.stop(), receiver.close()]);
  }
}
