import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../../infra/local/dynamodb-local.js';
import { startSqsLocal } from '../../../../infra/local/sqs-local.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../../shared/errors.js';
import { sqsNotifier } from '../../../../shared/notifiers/aws/sqs.js';
import type { Notifier } from '../../../../shared/notifiers/plugin.js';
import { type LocalAwsClients, localAwsClients } from '../../../support/aws-fakes/clients.js';
import { type SqsFaultProxy, startSqsFaultProxy } from '../../../support/aws-fakes/sqs-fault-proxy.js';
import { type ClassificationCase, classificationTable, deliveryContext, makeNotification, notifierDeps, rejectionOf, transportCases, webhookJson } from './support.js';

// local-aws-sqs lives in us-east-1 under this account, whatever the request says.
const ACCOUNT = '123456789012';

describe('sqs:// notifier against local-aws-sqs (AWS JSON 1.0, real SDK client)', () => {
  let sqs: RunningEmulator;
  let proxy: SqsFaultProxy;
  let admin: SQSClient;
  let clients: LocalAwsClients;
  let notifier: Notifier;

  beforeAll(async () => {
    sqs = await startSqsLocal();
    proxy = await startSqsFaultProxy(sqs.endpoint);
    admin = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterAll(async () => {
    clients?.destroy();
    admin?.destroy();
    await proxy?.stop();
    await sqs?.stop();
  });
  beforeEach(() => {
    proxy.reset();
    clients?.destroy();
    clients = localAwsClients({ sqs: proxy.endpoint });
    notifier = sqsNotifier.create(notifierDeps(clients));
  });

  const createQueue = async (fifo = false): Promise<{ name: string; url: string }> => {
    const name = `alarms-${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`;
    const { QueueUrl } = await admin.send(new CreateQueueCommand({ QueueName: name, ...(fifo && { Attributes: { FifoQueue: 'true' } }) }));
    return { name, url: QueueUrl ?? '' };
  };
  /** Short polls; both attribute-name fields, as the emulator only honours the deprecated one (toolchain.md §3). */
  const receive = async (queueUrl: string): Promise<Message[]> => {
    const { Messages = [] } = await admin.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'], AttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    return Messages;
  };
  const notify = (action: string, notificationId = 'n-1', signal?: AbortSignal) => notifier.notify(new URL(action), makeNotification(), deliveryContext(notificationId, signal));

  it("sends Aodh's webhook body with the notification id as a message attribute", async () => {
    const queue = await createQueue();
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`, 'n-9');
    const [message, ...rest] = await receive(queue.url);
    expect(rest).toEqual([]);
    expect(message?.Body).toBe(webhookJson(makeNotification()));
    expect(message?.MessageAttributes).toEqual({ 'aodh-notification-id': { DataType: 'String', StringValue: 'n-9' } });
  });

  it('sends a FIFO queue one message group per alarm and the notification id as deduplication id', async () => {
    const queue = await createQueue(true);
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`, 'n-10');
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`, 'n-10');
    const messages = await receive(queue.url);
    expect(messages).toHaveLength(1); // the re-delivery was deduplicated by SQS itself
    expect(messages[0]?.Attributes).toMatchObject({ MessageGroupId: makeNotification().alarm_id, MessageDeduplicationId: 'n-10' });
  });

  it('looks the queue URL up once (with the owner account) and reuses it', async () => {
    const queue = await createQueue();
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`, 'n-1');
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`, 'n-2');
    expect(proxy.operations).toEqual(['GetQueueUrl', 'SendMessage', 'SendMessage']);
    expect(await receive(queue.url)).toHaveLength(2);
  });

  it("uses the function's own region when the URL leaves it empty", async () => {
    const queue = await createQueue();
    await notify(`sqs:///${ACCOUNT}/${queue.name}`);
    expect(clients.regionsAsked).toEqual([undefined]);
    expect(await receive(queue.url)).toHaveLength(1);
  });

  it('reports a queue that does not exist as permanent, and does not cache the failure', async () => {
    const action = `sqs://us-east-1/${ACCOUNT}/no-such-queue`;
    const error = await rejectionOf(notify(action));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(`SQS GetQueueUrl of no-such-queue in account ${ACCOUNT} (us-east-1) failed: QueueDoesNotExist (HTTP 400)`);
    await expect(notify(action)).rejects.toThrow(PermanentDeliveryError);
    expect(proxy.operations).toEqual(['GetQueueUrl', 'GetQueueUrl']);
  });

  it('classifies a failed GetQueueUrl like a failed send', async () => {
    const queue = await createQueue();
    proxy.failNext({ status: 400, code: 'RequestThrottled', headers: { 'x-amzn-query-error': 'RequestThrottled;Sender' } });
    await expect(notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`)).rejects.toThrow(RetryableDeliveryError);
    await notify(`sqs://us-east-1/${ACCOUNT}/${queue.name}`);
    expect(await receive(queue.url)).toHaveLength(1);
  });

  describe('classifies failures of SendMessage', () => {
    let action = '';
    let queueUrl = '';
    beforeEach(async () => {
      const queue = await createQueue();
      action = `sqs://us-east-1/${ACCOUNT}/${queue.name}`;
      queueUrl = queue.url;
      await notify(action, 'warm-up'); // caches the URL, so the scripted fault hits SendMessage
      proxy.reset();
    });
    const query = (code: string) => ({ 'x-amzn-query-error': `${code};Sender` });
    const cases: ClassificationCase[] = [
      { label: 'RequestThrottled (400)', fault: { status: 400, code: 'RequestThrottled', headers: query('RequestThrottled') }, expected: RetryableDeliveryError, tail: 'failed: RequestThrottled (HTTP 400)' },
      { label: 'KmsThrottled (400)', fault: { status: 400, code: 'KmsThrottled', headers: query('KMS.ThrottlingException') }, expected: RetryableDeliveryError, tail: 'failed: KmsThrottled (HTTP 400)' },
      { label: 'InternalError (500)', fault: { status: 500, code: 'InternalError' }, expected: RetryableDeliveryError, tail: 'failed: InternalError (HTTP 500)' },
      { label: 'AccessDenied (403)', fault: { status: 403, code: 'AccessDenied', headers: query('AccessDenied') }, expected: PermanentDeliveryError, tail: 'failed: AccessDenied (HTTP 403)' },
      { label: 'QueueDoesNotExist (400)', fault: { status: 400, code: 'com.amazonaws.sqs#QueueDoesNotExist', headers: query('AWS.SimpleQueueService.NonExistentQueue') }, expected: PermanentDeliveryError, tail: 'failed: QueueDoesNotExist (HTTP 400)' },
      { label: 'KmsDisabled (400)', fault: { status: 400, code: 'KmsDisabled', headers: query('KMS.DisabledException') }, expected: PermanentDeliveryError, tail: 'failed: KmsDisabled (HTTP 400)' },
      { label: 'InvalidMessageContents (400)', fault: { status: 400, code: 'InvalidMessageContents' }, expected: PermanentDeliveryError, tail: 'failed: InvalidMessageContents (HTTP 400)' },
      ...transportCases,
    ];
    classificationTable(() => proxy, () => `SQS SendMessage to ${queueUrl}`, cases, (signal) => notify(action, 'n-1', signal));
  });
});
