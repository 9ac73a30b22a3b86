import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type EventBridgeEnvelope, startLocalEventBus } from '../../../infra/local/event-bus.js';
import { LISTENER_EVENT_PATTERN, LOCAL_EVENT_BUS_NAME } from '../../../shared/listener/rule-pattern.js';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const BUS_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${LOCAL_EVENT_BUS_NAME}`;

export interface BusUnderTest {
  url: string;
  /** Envelopes handed to the target, in delivery order. */
  delivered: EventBridgeEnvelope[];
  /** Replaces the target (the default records into `delivered`). */
  setDeliver(deliver: (event: EventBridgeEnvelope) => Promise<void>): void;
  client: EventBridgeClient;
  stop(): Promise<void>;
}

/** The local bus as `npm start` runs it (the listener's pattern), on a port the OS picks, with the real SDK client. */
export async function startBusUnderTest(): Promise<BusUnderTest> {
  const delivered: EventBridgeEnvelope[] = [];
  let deliver = async (event: EventBridgeEnvelope): Promise<void> => void delivered.push(event);
  const bus = await startLocalEventBus({
    port: 0,
    busName: LOCAL_EVENT_BUS_NAME,
    pattern: LISTENER_EVENT_PATTERN,
    deliver: (event) => deliver(event),
    account: ACCOUNT,
    region: REGION,
  });
  const client = new EventBridgeClient({
    endpoint: bus.url,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    url: bus.url,
    delivered,
    setDeliver: (next) => void (deliver = next),
    client,
    stop: async () => {
      client.destroy();
      await bus.stop();
    },
  };
}

/** A custom event the listener rule routes. */
export const goodEntry = (detail: Record<string, unknown> = { message_id: 'm-1' }) => ({
  EventBusName: LOCAL_EVENT_BUS_NAME,
  Source: 'openstack.nova',
  DetailType: 'compute.instance.create.end',
  Detail: JSON.stringify(detail),
});
