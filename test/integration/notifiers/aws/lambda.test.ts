import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../../../shared/errors.js';
import { lambdaNotifier } from '../../../../shared/notifiers/aws/lambda.js';
import type { Notifier } from '../../../../shared/notifiers/plugin.js';
import { type LocalAwsClients, localAwsClients } from '../../../support/aws-fakes/clients.js';
import { type LambdaFake, startLambdaFake } from '../../../support/aws-fakes/lambda-fake.js';
import { type ClassificationCase, classificationTable, deliveryContext, makeNotification, notifierDeps, rejectionOf, transportCases, webhookJson } from './support.js';

const ACCOUNT = '123456789012';
const FUNCTION_ARN = `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:on-alarm`;

describe('lambda:// notifier against a local Lambda Invoke endpoint (restJson1, real SDK client)', () => {
  let fake: LambdaFake;
  let clients: LocalAwsClients;
  let notifier: Notifier;

  beforeAll(async () => {
    fake = await startLambdaFake();
  });
  afterAll(() => fake?.stop());
  beforeEach(() => {
    fake.reset();
    clients?.destroy();
    clients = localAwsClients({ lambda: fake.endpoint }, 'us-east-2');
    notifier = lambdaNotifier.create(notifierDeps(clients));
  });

  const notify = (action: string, notificationId = 'n-1', signal?: AbortSignal) => notifier.notify(new URL(action), makeNotification(), deliveryContext(notificationId, signal));

  it('invokes the function asynchronously with the webhook body plus notification_id', async () => {
    fake.createFunction(FUNCTION_ARN);
    await notify(`lambda://eu-central-1/${ACCOUNT}/on-alarm`, 'n-5');
    expect(fake.invocations).toEqual([
      { functionName: FUNCTION_ARN, invocationType: 'Event', payload: JSON.parse(webhookJson(makeNotification(), { notification_id: 'n-5' })), region: 'eu-central-1' },
    ]);
  });

  it.each(['live', '7', '$LATEST'])('invokes the qualifier %s', async (qualifier) => {
    fake.createFunction(FUNCTION_ARN, ['live', '7']);
    await notify(`lambda://eu-central-1/${ACCOUNT}/on-alarm:${qualifier}`);
    expect(fake.invocations[0]?.functionName).toBe(`${FUNCTION_ARN}:${qualifier}`);
  });

  it("uses the function's own region when the URL leaves it empty", async () => {
    fake.createFunction(`arn:aws:lambda:us-east-2:${ACCOUNT}:function:on-alarm`);
    await notify(`lambda:///${ACCOUNT}/on-alarm`);
    expect(fake.invocations[0]).toMatchObject({ functionName: `arn:aws:lambda:us-east-2:${ACCOUNT}:function:on-alarm`, region: 'us-east-2' });
  });

  it('reports a function (or alias) that does not exist as permanent', async () => {
    fake.createFunction(FUNCTION_ARN);
    const error = await rejectionOf(notify(`lambda://eu-central-1/${ACCOUNT}/on-alarm:gone`));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(`Lambda Invoke of ${FUNCTION_ARN}:gone failed: ResourceNotFoundException (HTTP 404)`);
  });

  it("passes on Lambda's Retry-After with a throttled invoke", async () => {
    fake.createFunction(FUNCTION_ARN);
    fake.failNext({ status: 429, code: 'TooManyRequestsException', headers: { 'Retry-After': '3' } });
    const error = await rejectionOf(notify(`lambda://eu-central-1/${ACCOUNT}/on-alarm`));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as RetryableDeliveryError).retryAfterMs).toBe(3_000);
  });

  const cases: ClassificationCase[] = [
    { label: 'TooManyRequestsException (429)', fault: { status: 429, code: 'TooManyRequestsException' }, expected: RetryableDeliveryError, tail: 'failed: TooManyRequestsException (HTTP 429)' },
    { label: 'ServiceException (500)', fault: { status: 500, code: 'ServiceException' }, expected: RetryableDeliveryError, tail: 'failed: ServiceException (HTTP 500)' },
    { label: 'ResourceConflictException (409, function updating)', fault: { status: 409, code: 'ResourceConflictException' }, expected: RetryableDeliveryError, tail: 'failed: ResourceConflictException (HTTP 409)' },
    { label: 'KMSAccessDeniedException (a 502 that will not clear)', fault: { status: 502, code: 'KMSAccessDeniedException' }, expected: PermanentDeliveryError, tail: 'failed: KMSAccessDeniedException (HTTP 502)' },
    { label: 'AccessDeniedException (403)', fault: { status: 403, code: 'AccessDeniedException' }, expected: PermanentDeliveryError, tail: 'failed: AccessDeniedException (HTTP 403)' },
    { label: 'ResourceNotFoundException (404)', fault: { status: 404, code: 'ResourceNotFoundException' }, expected: PermanentDeliveryError, tail: 'failed: ResourceNotFoundException (HTTP 404)' },
    { label: 'RequestTooLargeException (413)', fault: { status: 413, code: 'RequestTooLargeException' }, expected: PermanentDeliveryError, tail: 'failed: RequestTooLargeException (HTTP 413)' },
    { label: 'InvalidParameterValueException (400)', fault: { status: 400, code: 'InvalidParameterValueException' }, expected: PermanentDeliveryError, tail: 'failed: InvalidParameterValueException (HTTP 400)' },
    ...transportCases,
  ];
  describe('classifies failures', () => {
    beforeEach(() => fake.createFunction(FUNCTION_ARN));
    classificationTable(() => fake, `Lambda Invoke of ${FUNCTION_ARN}`, cases, (signal) => notify(`lambda://eu-central-1/${ACCOUNT}/on-alarm`, 'n-1', signal));
  });
});
