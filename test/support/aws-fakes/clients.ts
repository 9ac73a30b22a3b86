import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientFactory } from '../../../shared/notifiers/plugin.js';

export interface LocalAwsEndpoints {
  sns?: string;
  sqs?: string;
  eventBridge?: string;
  lambda?: string;
}

export interface LocalAwsClients extends AwsClientFactory {
  /** The region argument of every factory call, in order (undefined: the default region). */
  regionsAsked: Array<string | undefined>;
  destroy(): void;
}

interface Destroyable {
  destroy(): void;
}

/**
 * An AwsClientFactory whose REAL SDK clients talk to local endpoints: dummy credentials,
 * `defaultRegion` when the action names none (the Lambda's AWS_REGION in production), and
 * one attempt, so each scripted fault reaches the notifier instead of being retried away.
 */
export function localAwsClients(endpoints: LocalAwsEndpoints, defaultRegion = 'us-east-1'): LocalAwsClients {
  const clients = new Map<string, Destroyable>();
  const regionsAsked: Array<string | undefined> = [];
  const config = (endpoint: string | undefined, region: string | undefined) => {
    if (endpoint === undefined) throw new Error('this test started no local endpoint for that service');
    return { endpoint, region: region ?? defaultRegion, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  };
  const cached = <C extends Destroyable>(service: string, region: string | undefined, build: () => C): C => {
    regionsAsked.push(region);
    const key = `${service}/${region ?? ''}`;
    const existing = clients.get(key);
    if (existing !== undefined) return existing as C;
    const client = build();
    clients.set(key, client);
    return client;
  };
  return {
    regionsAsked,
    sns: (region) => cached('sns', region, () => new SNSClient(config(endpoints.sns, region))),
    sqs: (region) => cached('sqs', region, () => new SQSClient(config(endpoints.sqs, region))),
    eventBridge: (region) => cached('events', region, () => new EventBridgeClient(config(endpoints.eventBridge, region))),
    lambda: (region) => cached('lambda', region, () => new LambdaClient(config(endpoints.lambda, region))),
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
