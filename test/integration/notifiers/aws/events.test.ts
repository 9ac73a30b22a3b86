import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../../shared/errors.js';
import { eventsNotifier } from '../../../../shared/notifiers/aws/events.js';
import type { Notifier } from '../../../../shared/notifiers/plugin.js';
import { type LocalAwsClients, localAwsClients } from '../../../support/aws-fakes/clients.js';
import { type EventsFake, startEventsFake } from '../../../support/aws-fakes/events-fake.js';
import { type ClassificationCase, classificationTable, deliveryContext, makeNotification, notifierDeps, rejectionOf, transportCases, webhookJson } from './support.js';

const ACCOUNT = '210987654321';
const BUS_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/ops-bus`;

describe('events:// notifier against a local EventBridge (AWS JSON 1.1, real SDK client)', () => {
  let fake: EventsFake;
  let clients: LocalAwsClients;
  let notifier: Notifier;

  beforeAll(async () => {
    fake = await startEventsFake();
  });
  afterAll(() => fake?.stop());
  beforeEach(() => {
    fake.reset();
    clients?.destroy();
    clients = localAwsClients({ eventBridge: fake.endpoint }, 'ap-southeast-2');
    notifier = eventsNotifier.create(notifierDeps(clients));
  });

  const notify = (action: string, notificationId = 'n-1', signal?: AbortSignal) => notifier.notify(new URL(action), makeNotification(), deliveryContext(notificationId, signal));

  it('puts one event on the bus, by ARN, with the webhook body plus notification_id as detail', async () => {
    fake.createEventBus(BUS_ARN);
    await notify(`events://eu-west-1/${ACCOUNT}/ops-bus`, 'n-77');
    expect(fake.events).toEqual([
      {
        eventBusName: BUS_ARN,
        source: 'aodh',
        detailType: 'Aodh Alarm State Change',
        detail: JSON.parse(webhookJson(makeNotification(), { notification_id: 'n-77' })),
        region: 'eu-west-1',
      },
    ]);
  });

  it('keeps the detail keys in webhook order, notification_id last', async () => {
    fake.createEventBus(BUS_ARN);
    await notify(`events://eu-west-1/${ACCOUNT}/ops-bus`, 'n-78');
    expect(Object.keys(fake.events[0]?.detail as object)).toEqual(['alarm_name', 'alarm_id', 'severity', 'previous', 'current', 'reason', 'reason_data', 'notification_id']);
  });

  it('takes detail-type and source from the query string', async () => {
    const defaultBus = `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`;
    fake.createEventBus(defaultBus);
    await notify(`events://eu-west-1/${ACCOUNT}/default?detail-type=Alarm+fired%21&source=com.example.monitoring`);
    expect(fake.events[0]).toMatchObject({ eventBusName: defaultBus, detailType: 'Alarm fired!', source: 'com.example.monitoring' });
  });

  it("uses the function's own region when the URL leaves it empty", async () => {
    fake.createEventBus(`arn:aws:events:ap-southeast-2:${ACCOUNT}:event-bus/ops-bus`);
    await notify(`events:///${ACCOUNT}/ops-bus`);
    expect(fake.events[0]).toMatchObject({ eventBusName: `arn:aws:events:ap-southeast-2:${ACCOUNT}:event-bus/ops-bus`, region: 'ap-southeast-2' });
    expect(clients.regionsAsked).toEqual([undefined]);
  });

  it('reports a bus that does not exist (a failed entry in a 200 answer) as permanent', async () => {
    const error = await rejectionOf(notify(`events://eu-west-1/${ACCOUNT}/missing`));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(`EventBridge PutEvents to arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/missing failed: entry refused with ResourceNotFoundException`);
  });

  it.each([
    ['ThrottlingException', RetryableDeliveryError],
    ['InternalFailure', RetryableDeliveryError],
    ['KMSThrottlingException', RetryableDeliveryError],
    ['AccessDeniedException', PermanentDeliveryError],
    ['NotAuthorizedForSourceException', PermanentDeliveryError],
    ['MalformedDetail', PermanentDeliveryError],
  ])('classifies a failed entry with ErrorCode %s as %o', async (code, expected) => {
    fake.createEventBus(BUS_ARN);
    fake.failNextEntry(code, 'secret text of the entry failure');
    const error = await rejectionOf(notify(`events://eu-west-1/${ACCOUNT}/ops-bus`));
    expect(error).toBeInstanceOf(expected);
    expect(error.message).toBe(`EventBridge PutEvents to ${BUS_ARN} failed: entry refused with ${code}`);
  });

  const cases: ClassificationCase[] = [
    { label: 'ThrottlingException (400)', fault: { status: 400, code: 'ThrottlingException' }, expected: RetryableDeliveryError, tail: 'failed: ThrottlingException (HTTP 400)' },
    { label: 'InternalException (500)', fault: { status: 500, code: 'InternalException' }, expected: RetryableDeliveryError, tail: 'failed: InternalException (HTTP 500)' },
    { label: 'an unmodelled 502', fault: { status: 502, code: 'BadGateway' }, expected: RetryableDeliveryError, tail: 'failed: BadGateway (HTTP 502)' },
    { label: 'AccessDeniedException (400)', fault: { status: 400, code: 'AccessDeniedException' }, expected: PermanentDeliveryError, tail: 'failed: AccessDeniedException (HTTP 400)' },
    { label: 'ResourceNotFoundException (400)', fault: { status: 400, code: 'ResourceNotFoundException' }, expected: PermanentDeliveryError, tail: 'failed: ResourceNotFoundException (HTTP 400)' },
    { label: 'ValidationException (400)', fault: { status: 400, code: 'ValidationException' }, expected: PermanentDeliveryError, tail: 'failed: ValidationException (HTTP 400)' },
    { label: 'UnrecognizedClientException (400)', fault: { status: 400, code: 'UnrecognizedClientException' }, expected: PermanentDeliveryError, tail: 'failed: UnrecognizedClientException (HTTP 400)' },
    { label: 'ExpiredTokenException (400)', fault: { status: 400, code: 'ExpiredTokenException' }, expected: RetryableDeliveryError, tail: 'failed: ExpiredTokenException (HTTP 400)' },
    ...transportCases,
  ];
  describe('classifies failures', () => {
    beforeEach(() => fake.createEventBus(BUS_ARN));
    classificationTable(() => fake, `EventBridge PutEvents to ${BUS_ARN}`, cases, (signal) => notify(`events://eu-west-1/${ACCOUNT}/ops-bus`, 'n-1', signal));
  });
});
