import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../../shared/errors.js';
import type { Notifier } from '../../../../shared/notifiers/plugin.js';
import { snsNotifier } from '../../../../shared/notifiers/aws/sns.js';
import { type LocalAwsClients, localAwsClients } from '../../../support/aws-fakes/clients.js';
import { type SnsFake, startSnsFake } from '../../../support/aws-fakes/sns-fake.js';
import { type ClassificationCase, classificationTable, deliveryContext, makeNotification, notifierDeps, rejectionOf, transportCases, webhookJson } from './support.js';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:alarms`;

describe('sns:// notifier against a local SNS (awsQuery, real SDK client)', () => {
  let fake: SnsFake;
  let clients: LocalAwsClients;
  let notifier: Notifier;

  beforeAll(async () => {
    fake = await startSnsFake();
  });
  afterAll(() => fake?.stop());
  beforeEach(() => {
    fake.reset();
    clients?.destroy();
    clients = localAwsClients({ sns: fake.endpoint }, 'us-west-2');
    notifier = snsNotifier.create(notifierDeps(clients));
  });

  const notify = (action: string, notificationId = 'n-1', signal?: AbortSignal) => notifier.notify(new URL(action), makeNotification(), deliveryContext(notificationId, signal));

  it("publishes Aodh's webhook body to the topic the URL spells out, with the notification id as an attribute", async () => {
    fake.createTopic(ARN);
    await notify(`sns://eu-west-1/${ACCOUNT}/alarms`, 'n-42');
    expect(fake.published).toEqual([
      { topicArn: ARN, message: webhookJson(makeNotification()), attributes: { 'aodh-notification-id': { DataType: 'String', StringValue: 'n-42' } }, region: 'eu-west-1' },
    ]);
    expect(clients.regionsAsked).toEqual(['eu-west-1']);
  });

  it('sends a FIFO topic one message group per alarm and the notification id as deduplication id', async () => {
    fake.createTopic(`${ARN}.fifo`);
    await notify(`sns://eu-west-1/${ACCOUNT}/alarms.fifo`, 'n-43');
    expect(fake.published[0]).toMatchObject({ topicArn: `${ARN}.fifo`, groupId: makeNotification().alarm_id, dedupId: 'n-43' });
  });

  it('hashes a notification id SNS would refuse as deduplication id, deterministically', async () => {
    fake.createTopic(`${ARN}.fifo`);
    const longId = `n-${'x'.repeat(200)}`;
    await notify(`sns://eu-west-1/${ACCOUNT}/alarms.fifo`, longId);
    await notify(`sns://eu-west-1/${ACCOUNT}/alarms.fifo`, longId);
    const [first, second] = fake.published;
    expect(first?.dedupId).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.dedupId).toBe(first?.dedupId);
    expect(first?.attributes['aodh-notification-id']?.StringValue).toBe(longId);
  });

  it("uses the function's own region when the URL leaves it empty", async () => {
    fake.createTopic(`arn:aws:sns:us-west-2:${ACCOUNT}:alarms`);
    await notify(`sns:///${ACCOUNT}/alarms`);
    expect(fake.published[0]).toMatchObject({ topicArn: `arn:aws:sns:us-west-2:${ACCOUNT}:alarms`, region: 'us-west-2' });
    expect(clients.regionsAsked).toEqual([undefined]);
  });

  it('derives the ARN partition from the region', async () => {
    fake.createTopic(`arn:aws-cn:sns:cn-north-1:${ACCOUNT}:alarms`);
    await notify(`sns://cn-north-1/${ACCOUNT}/alarms`);
    expect(fake.published[0]?.topicArn).toBe(`arn:aws-cn:sns:cn-north-1:${ACCOUNT}:alarms`);
  });

  it('reports a missing region (none in the URL, none configured) as permanent', async () => {
    const noRegion = new SNSClient({ endpoint: fake.endpoint, region: (): Promise<string> => Promise.reject(new Error('Region is missing')), credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const bare = snsNotifier.create(notifierDeps({ ...clients, sns: () => noRegion }));
    const error = await rejectionOf(bare.notify(new URL(`sns:///${ACCOUNT}/alarms`), makeNotification(), deliveryContext()));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(`Action sns:///${ACCOUNT}/alarms names no region and the AWS SDK has none configured (AWS_REGION)`);
    noRegion.destroy();
  });

  it('reports a topic that does not exist as permanent', async () => {
    const error = await rejectionOf(notify(`sns://eu-west-1/${ACCOUNT}/missing`));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(`SNS Publish to arn:aws:sns:eu-west-1:${ACCOUNT}:missing failed: NotFoundException (HTTP 404)`);
  });

  it('refuses a malformed stored action without calling SNS', async () => {
    const error = await rejectionOf(notify(`sns://eu-west-1/${ACCOUNT}/bad name`));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toMatch(/^Invalid action sns:\/\/eu-west-1\/123456789012\/bad%20name: topic name "bad%20name"/);
    expect(fake.requestCount()).toBe(0);
  });

  const cases: ClassificationCase[] = [
    { label: 'Throttled (429)', fault: { status: 429, code: 'Throttled' }, expected: RetryableDeliveryError, tail: 'failed: ThrottledException (HTTP 429)' },
    { label: 'generic Throttling (400)', fault: { status: 400, code: 'Throttling' }, expected: RetryableDeliveryError, tail: 'failed: Throttling (HTTP 400)' },
    { label: 'KMSThrottling (400)', fault: { status: 400, code: 'KMSThrottling' }, expected: RetryableDeliveryError, tail: 'failed: KMSThrottlingException (HTTP 400)' },
    { label: 'InternalError (500)', fault: { status: 500, code: 'InternalError' }, expected: RetryableDeliveryError, tail: 'failed: InternalErrorException (HTTP 500)' },
    { label: 'an unmodelled 503', fault: { status: 503, code: 'ServiceUnavailable' }, expected: RetryableDeliveryError, tail: 'failed: ServiceUnavailable (HTTP 503)' },
    { label: 'AuthorizationError (403)', fault: { status: 403, code: 'AuthorizationError' }, expected: PermanentDeliveryError, tail: 'failed: AuthorizationErrorException (HTTP 403)' },
    { label: 'NotFound (404)', fault: { status: 404, code: 'NotFound' }, expected: PermanentDeliveryError, tail: 'failed: NotFoundException (HTTP 404)' },
    { label: 'InvalidParameter (400)', fault: { status: 400, code: 'InvalidParameter' }, expected: PermanentDeliveryError, tail: 'failed: InvalidParameterException (HTTP 400)' },
    { label: 'KMSDisabled (400)', fault: { status: 400, code: 'KMSDisabled' }, expected: PermanentDeliveryError, tail: 'failed: KMSDisabledException (HTTP 400)' },
    ...transportCases,
  ];
  describe('classifies failures', () => {
    beforeEach(() => void fake.createTopic(ARN));
    classificationTable(() => fake, `SNS Publish to ${ARN}`, cases, (signal) => notify(`sns://eu-west-1/${ACCOUNT}/alarms`, 'n-1', signal));
  });
});
