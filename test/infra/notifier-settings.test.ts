import { describe, expect, it } from 'vitest';
import { problemsFrom, settingsFrom } from './settings-support.js';


describe('notifier deploy settings', () => {
  it.each([100, 5_000, 9_000])('accepts webhookTimeoutMs %i', (timeout) => {
    expect(settingsFrom({ webhookTimeoutMs: String(timeout) }).notifiers.webhookTimeoutMs).toBe(timeout);
  });

  it.each([0, 99, 9_001, 30_000])('rejects webhookTimeoutMs %i (the notify function times out at 10 s), naming the key', (timeout) => {
    expect(problemsFrom({ webhookTimeoutMs: timeout })).toContain("context key 'webhookTimeoutMs'");
  });

  it('accepts notifier targets of the four AWS-native services in any partition, as patterns too', () => {
    const targets = [
      'arn:aws:sns:eu-west-1:123456789012:alarms',
      'arn:aws-cn:sqs:cn-north-1:123456789012:alarm-queue.fifo',
      'arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/default',
      'arn:aws:lambda:eu-west-1:123456789012:function:on-alarm:live',
      'arn:aws:sns:*:123456789012:aodh-*',
    ];
    expect(settingsFrom({ notifierTargets: targets }).notifierTargets).toEqual(targets);
  });

  it.each([
    '*',
    'arn:aws:*:*:*:*',
    'arn:aws:s3:::alarm-bucket',
    'arn:aws:sns',
    'arn:aws:sns:eu-west-1:123456789012:',
    'arn:other:sns:eu-west-1:123456789012:alarms',
    'sns://eu-west-1/123456789012/alarms',
  ])('rejects notifier target %s, naming the key', (target) => {
    expect(problemsFrom({ notifierTargets: [target] })).toContain("context key 'notifierTargets'");
  });
});
