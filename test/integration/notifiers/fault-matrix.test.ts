import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTables, tableNamesFor } from '../../../shared/adapters/dynamodb/create-tables.js';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamodb/delivery-ledger.js';
import { documentClientFor } from '../../../shared/adapters/dynamodb/dynamo-alarm-store.js';
import type { TransitionMessage } from '../../../shared/domain/transition.js';
import { buildNotifiers } from '../../../shared/notifiers/build-notifiers.js';
import type { NotifierDeps } from '../../../shared/notifiers/plugin.js';
import { notifiers as registry } from '../../../shared/notifiers/registry.js';
import { WebhookNotifier } from '../../../shared/notifiers/webhook/notifier.js';
import { deliverTransition, type DeliveryDeps } from '../../../shared/services/notification/deliver-transition.js';
import { notificationIdFor } from '../../../shared/services/notification/notification-id.js';
import { makeTransition } from '../contracts/transition-queue.contract.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const documents = documentClientFor(client);
let deliveriesTable: string;

const notifierDeps: NotifierDeps = {
  settings: { webhookAllowLoopback: true, webhookTimeoutMs: 300 },
  readFile: () => { throw new Error('no PEM file in this test'); },
  // Never called here: only http(s) actions are delivered in this file.
  aws: new Proxy({} as NotifierDeps['aws'], { get: () => () => { throw new Error('no AWS clients in this test'); } }),
};
const built = buildNotifiers(registry, notifierDeps);

describe('deliverTransition against a real receiver: the fault matrix', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    const tables = tableNamesFor(`faults-${randomUUID().slice(0, 8)}`);
    await createTables(client, tables);
    deliveriesTable = tables.deliveries;
  });
  afterEach(async () => receiver?.close());
  afterAll(() => {
    (built.get('http') as WebhookNotifier).close();
    client.destroy();
  });

  /** Fresh receiver and ledger per case; small backoff so the matrix runs in seconds. */
  const setUp = async () => {
    receiver = await startWebhookReceiver();
    const deps: DeliveryDeps = {
      notifiers: built,
      ledger: new DynamoDeliveryLedger({ client: documents, tableName: deliveriesTable }),
      retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, deadlineMs: 5_000 },
    };
    return { deps, message: (...paths: string[]): TransitionMessage => makeTransition(`alarm-${randomUUID()}`, { actions: paths.map((path) => `${receiver.url}${path}`) }) };
  };

  it('500 then 200: delivered on the second attempt, with the same notification id both times', async () => {
    const { deps, message } = await setUp();
    receiver.script({ status: 500 });
    const sent = message('/hook');

    const report = await deliverTransition(sent, deps);

    expect(report.actions).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    expect(report.retry).toBe(false);
    const ids = receiver.requests.map((request) => request.headers['x-aodh-notification-id']);
    expect(ids).toEqual([notificationIdFor(sent.transition_id, sent.actions[0] ?? ''), ids[0]]);
  });

  it('429 with Retry-After: 1 — waits at least a second, then delivers', async () => {
    const { deps, message } = await setUp();
    receiver.script({ status: 429, headers: { 'Retry-After': '1' } });

    const report = await deliverTransition(message('/hook'), deps);

    expect(report.actions).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    const [first, second] = receiver.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('a receiver slower than the timeout: the attempt is abandoned and retried, then delivered', async () => {
    const { deps, message } = await setUp();
    receiver.script({ delayMs: 800 });

    const report = await deliverTransition(message('/slow'), deps);

    expect(report.actions).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    expect(receiver.requests).toHaveLength(2);
  });

  it('a dropped connection is retried, then delivered', async () => {
    const { deps, message } = await setUp();
    receiver.script({ destroy: true });

    expect((await deliverTransition(message('/reset'), deps)).actions).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });

  it('connection refused: retryable-failed after maxAttempts, and the message asks to be retried', async () => {
    const { deps, message } = await setUp();
    await receiver.refuse();

    const report = await deliverTransition(message('/gone'), deps);

    expect(report.actions).toMatchObject([{ status: 'retryable-failed', attempts: 4, reason: expect.stringMatching(/ECONNREFUSED \(after 4 attempts\)$/) }]);
    expect(report.retry).toBe(true);
  });

  it('400: exactly one attempt, permanent-failed, and no retry of the message', async () => {
    const { deps, message } = await setUp();
    receiver.script({ status: 400 }, { status: 400 });

    const report = await deliverTransition(message('/bad'), deps);

    expect(report.actions).toMatchObject([{ status: 'permanent-failed', attempts: 1, reason: expect.stringMatching(/answered 400 Bad Request$/) }]);
    expect(report.retry).toBe(false);
    expect(receiver.requests).toHaveLength(1);
  });

  it('the same TransitionMessage delivered twice reaches each action exactly once', async () => {
    const { deps, message } = await setUp();
    const sent = message('/a', '/b');

    const first = await deliverTransition(sent, deps);
    const again = await deliverTransition(structuredClone(sent), deps);

    expect(first.actions.map((action) => action.status)).toEqual(['delivered', 'delivered']);
    expect(again.actions.map((action) => action.status)).toEqual(['skipped-duplicate', 'skipped-duplicate']);
    expect(receiver.requests.map((request) => request.url).sort()).toEqual(['/a', '/b']);
  });

  it('after a partial failure, the re-delivered message only goes to the action that failed', async () => {
    const { deps, message } = await setUp();
    const sent = message('/ok', '/flaky');
    receiver.scriptPath('/flaky', ...Array.from({ length: 4 }, () => ({ status: 503 })));

    const first = await deliverTransition(sent, deps);
    const again = await deliverTransition(sent, deps);

    expect(first.retry).toBe(true);
    expect(again.actions.map((action) => action.status)).toEqual(['skipped-duplicate', 'delivered']);
    expect(receiver.requests.filter((request) => request.url === '/ok')).toHaveLength(1);
  });

  it('two actions, one failing slowly: the other is delivered once, without waiting for it', async () => {
    const { deps } = await setUp();
    // Every attempt at the slow one runs into the 300 ms timeout.
    const slow = await startWebhookReceiver();
    slow.script(...Array.from({ length: 4 }, () => ({ delayMs: 2_000 })));
    const sent = makeTransition(`alarm-${randomUUID()}`, { actions: [`${slow.url}/slow`, `${receiver.url}/alive`] });

    const report = await deliverTransition(sent, deps);
    await slow.close();

    expect(report.actions.map((action) => [action.status, action.attempts])).toEqual([['retryable-failed', 4], ['delivered', 1]]);
    expect(receiver.requests.map((request) => request.url)).toEqual(['/alive']);
    // Delivered while the slow action was still on its first attempt.
    expect(receiver.requests[0]?.at).toBeLessThan(slow.requests[1]?.at ?? 0);
  });
});
