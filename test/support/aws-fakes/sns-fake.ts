import { randomUUID } from 'node:crypto';
import { AwsApiError, type FakeAwsServer, startFakeAwsServer } from './fake-aws-server.js';

/**
 * A local SNS speaking what @aws-sdk/client-sns 3.1169 speaks: the awsQuery protocol
 * (form-encoded `Action=Publish&…` POSTs, XML answers and `<ErrorResponse>` errors).
 * Implements Publish with the checks AWS makes that a notifier can get wrong: the topic
 * must exist in the region the client signed for, FIFO topics need MessageGroupId and
 * standard topics refuse MessageDeduplicationId.
 */
export interface PublishedMessage {
  topicArn: string;
  message: string;
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  groupId?: string;
  dedupId?: string;
  region: string;
}

export interface SnsFake extends FakeAwsServer {
  /** Creates the topic `arn:<partition>:sns:<region>:<account>:<name>`. */
  createTopic(arn: string): void;
  published: PublishedMessage[];
}

export async function startSnsFake(): Promise<SnsFake> {
  const topics = new Set<string>();
  const published: PublishedMessage[] = [];

  const publish = (form: URLSearchParams, region: string): string => {
    const topicArn = form.get('TopicArn') ?? '';
    const message = form.get('Message');
    if (message === null || message === '') throw invalid('Empty message');
    // A regional endpoint refuses another region's ARN outright; a topic it does not have is NotFound.
    if (topicArn.split(':')[3] !== region) throw invalid('TopicArn');
    if (!topics.has(topicArn)) throw new AwsApiError({ status: 404, code: 'NotFound', message: 'Topic does not exist' });
    const fifo = topicArn.endsWith('.fifo');
    const groupId = form.get('MessageGroupId') ?? undefined;
    const dedupId = form.get('MessageDeduplicationId') ?? undefined;
    if (fifo && groupId === undefined) throw invalid('The MessageGroupId parameter is required for FIFO topics');
    if (!fifo && dedupId !== undefined) throw invalid('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    published.push({ topicArn, message, attributes: messageAttributes(form), region, ...(groupId !== undefined && { groupId }), ...(dedupId !== undefined && { dedupId }) });
    const sequence = fifo ? `<SequenceNumber>${String(published.length).padStart(20, '0')}</SequenceNumber>` : '';
    return `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId>${sequence}</PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
  };

  const server = await startFakeAwsServer('awsQuery', ({ body, region }) => {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action !== 'Publish') throw new AwsApiError({ status: 400, code: 'InvalidAction', message: `Unknown action ${action}` });
    return { status: 200, body: publish(form, region), headers: { 'Content-Type': 'text/xml' } };
  });

  return {
    ...server,
    published,
    createTopic: (arn) => void topics.add(arn),
    reset() {
      server.reset();
      topics.clear();
      published.length = 0;
    },
  };
}

const invalid = (reason: string) => new AwsApiError({ status: 400, code: 'InvalidParameter', message: `Invalid parameter: ${reason}` });

/** The awsQuery encoding of a map: `MessageAttributes.entry.<n>.Name` / `.Value.DataType` / `.Value.StringValue`. */
function messageAttributes(form: URLSearchParams): PublishedMessage['attributes'] {
  const attributes: PublishedMessage['attributes'] = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const stringValue = form.get(`${prefix}.Value.StringValue`);
    attributes[form.get(`${prefix}.Name`) ?? ''] = { DataType: form.get(`${prefix}.Value.DataType`) ?? '', ...(stringValue !== null && { StringValue: stringValue }) };
  }
  return attributes;
}
