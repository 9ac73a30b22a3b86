import { EventBridgeServiceException, ListRulesCommand, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLocalEventBus } from '../../../infra/local/event-bus.js';
import { LOCAL_EVENT_BUS_NAME } from '../../../shared/listener/rule-pattern.js';
import { ACCOUNT, BUS_ARN, type BusUnderTest, goodEntry, REGION, startBusUnderTest } from './support.js';

/** The local event bus of `npm start`, driven by the real @aws-sdk/client-eventbridge over AWS JSON 1.1. */
describe('local event bus: PutEvents from the real SDK client', () => {
  let bus: BusUnderTest;
  beforeAll(async () => {
    bus = await startBusUnderTest();
  });
  afterAll(() => bus?.stop());
  beforeEach(() => {
    bus.delivered.length = 0;
    bus.setDeliver(async (event) => void bus.delivered.push(event));
  });

  const put = (...Entries: PutEventsRequestEntry[]) => bus.client.send(new PutEventsCommand({ Entries }));
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventBridgeServiceException);
    return error as EventBridgeServiceException;
  };

  it('accepts good entries and delivers each with the exact EventBridge envelope', async () => {
    const before = Date.now();
    const result = await put(
      { ...goodEntry({ message_id: 'm-1', traits: [['service', 1, 'nova']] }), Time: new Date('2024-05-01T12:00:00.789Z'), Resources: ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1'] },
      { Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: '{"order":{"id":7}}' },
    );
    expect(result.FailedEntryCount).toBe(0);
    const [first, second] = (result.Entries ?? []).map((entry) => entry.EventId);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(2));
    expect(bus.delivered[0]).toEqual({
      version: '0',
      id: first,
      'detail-type': 'compute.instance.create.end',
      source: 'openstack.nova',
      account: ACCOUNT,
      time: '2024-05-01T12:00:00Z',
      region: REGION,
      resources: ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1'],
      detail: { message_id: 'm-1', traits: [['service', 1, 'nova']] },
    });
    expect(Object.keys(bus.delivered[0] ?? {})).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(bus.delivered[1]).toMatchObject({ id: second, source: 'com.example.orders', 'detail-type': 'OrderPlaced', resources: [], detail: { order: { id: 7 } } });
    // Without Time, EventBridge stamps the receipt time in whole seconds.
    const stamped = bus.delivered[1]?.time ?? '';
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(stamped)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(stamped)).toBeLessThanOrEqual(Date.now());
  });

  it('fails invalid entries one by one, in place, and still delivers the good ones', async () => {
    const result = await put(
      goodEntry({ n: 1 }),
      { ...goodEntry(), Source: undefined },
      { ...goodEntry(), DetailType: '' },
      { ...goodEntry(), Detail: undefined },
      { ...goodEntry(), Detail: 'not json at all' },
      { ...goodEntry(), Detail: '[1, 2, 3]' },
      { ...goodEntry(), Source: 'aws.ec2' },
      goodEntry({ n: 2 }),
    );
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries?.slice(1, 7)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
    ]);
    const ids = [result.Entries?.[0]?.EventId, result.Entries?.[7]?.EventId];
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(2));
    expect(bus.delivered.map((event) => [event.id, event.detail])).toEqual([
      [ids[0], { n: 1 }],
      [ids[1], { n: 2 }],
    ]);
  });

  it.each([
    ['11 entries', 11, 'Member must have length less than or equal to 10'],
    ['no entries', 0, 'Member must have length greater than or equal to 1'],
  ])('rejects a request with %s as AWS does: ValidationException, nothing delivered', async (_name, count, constraint) => {
    const error = await rejection(put(...Array.from({ length: count }, () => goodEntry())));
    expect(error.name).toBe('ValidationException');
    expect(error.$fault).toBe('client');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`1 validation error detected: Value at 'entries' failed to satisfy constraint: ${constraint}`);
    await put(goodEntry({ marker: true }));
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(1));
    expect(bus.delivered[0]?.detail).toEqual({ marker: true });
  });

  it('takes entries up to 256 KiB in all, counted as EventBridge counts them, and refuses one byte more', async () => {
    const resource = 'arn:r';
    const fixed = 14 + 'openstack.nova'.length + 'compute.instance.create.end'.length + resource.length + '{"p":""}'.length;
    const entry = (padding: number) => ({ ...goodEntry(), Time: new Date(), Resources: [resource], Detail: JSON.stringify({ p: 'é'.repeat(padding / 2) }) });
    const exact = await put(entry(256 * 1024 - fixed));
    expect(exact.FailedEntryCount).toBe(0);
    const error = await rejection(put(entry(256 * 1024 - fixed + 2)));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Total size of the entries in the request is over the limit.');
  });

  it('returns an EventId for an event from source aodh but never delivers it (the listener rule)', async () => {
    const result = await put({ ...goodEntry({ which: 'own' }), Source: 'aodh' }, goodEntry({ which: 'other' }));
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.every((entry) => typeof entry.EventId === 'string')).toBe(true);
    // Deliveries start in entry order, so once the later one is in, the aodh one would be too.
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(1));
    expect(bus.delivered.map((event) => event.detail)).toEqual([{ which: 'other' }]);
  });

  it('accepts the bus by name, by ARN, as default or unnamed; fails an entry for any other bus', async () => {
    const result = await put(
      goodEntry({ n: 'name' }),
      { ...goodEntry({ n: 'arn' }), EventBusName: BUS_ARN },
      { ...goodEntry({ n: 'default' }), EventBusName: 'default' },
      { ...goodEntry({ n: 'unnamed' }), EventBusName: undefined },
      { ...goodEntry(), EventBusName: 'aodh-event' },
      { ...goodEntry(), EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${LOCAL_EVENT_BUS_NAME}` },
    );
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.slice(4)).toEqual([
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus aodh-event does not exist.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${LOCAL_EVENT_BUS_NAME} does not exist.` },
    ]);
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(4));
    expect(bus.delivered.map((event) => event.detail.n)).toEqual(['name', 'arn', 'default', 'unnamed']);
  });

  it('answers any other operation with UnknownOperationException', async () => {
    const error = await rejection(bus.client.send(new ListRulesCommand({})));
    expect(error.name).toBe('UnknownOperationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('does not let a failing target touch PutEvents or later deliveries', async () => {
    bus.setDeliver(async (event) => {
      if (event.detail.fail === true) throw new Error('handler blew up');
      bus.delivered.push(event);
    });
    const result = await put(goodEntry({ fail: true }), goodEntry({ fail: false }));
    expect(result.FailedEntryCount).toBe(0);
    await vi.waitFor(() => expect(bus.delivered).toHaveLength(1));
    expect(bus.delivered[0]?.detail).toEqual({ fail: false });
  });
});

describe('local event bus: lifecycle', () => {
  it('refuses at start a pattern it cannot honour', async () => {
    await expect(startLocalEventBus({ port: 0, busName: 'b', pattern: { source: [{ cidr: '10.0.0.0/8' }] }, deliver: async () => undefined })).rejects.toThrow(/unsupported operator "cidr"/);
  });

  it('lets deliveries in flight finish before stop() resolves', async () => {
    const bus = await startBusUnderTest();
    let finished = false;
    bus.setDeliver(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      finished = true;
    });
    await bus.client.send(new PutEventsCommand({ Entries: [goodEntry()] }));
    await bus.stop();
    expect(finished).toBe(true);
  });

  it('defaults to account 000000000000 and us-east-1 in the envelope', async () => {
    const delivered: unknown[] = [];
    const bus = await startLocalEventBus({ port: 0, busName: 'b', pattern: {}, deliver: async (event) => void delivered.push(event) });
    const response = await fetch(bus.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    await bus.stop();
    expect(delivered).toEqual([expect.objectContaining({ account: '000000000000', region: 'us-east-1' })]);
  });
});
