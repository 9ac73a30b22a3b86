import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../shared/errors.js';
import { awsNotifiers } from '../../../../shared/notifiers/aws/registry-entries.js';
import { checkActionList } from '../../../../shared/validation/actions.js';
import { expectThrows } from '../../../support/expect-error.js';

const A = '123456789012';
const validate = (action: string) => {
  const scheme = new URL(action).protocol.slice(0, -1) as keyof typeof awsNotifiers;
  awsNotifiers[scheme].validateAction?.(new URL(action));
};
const expectRefused = (action: string, problem: string): void => {
  expectThrows(() => validate(action), InvalidInputError, `Invalid action ${action}: ${problem}`);
};

describe('AWS action URLs: validateAction at create time', () => {
  it.each([
    `sns://eu-west-1/${A}/alarms`,
    `sns:///${A}/alarms`,
    `sns://us-gov-west-1/${A}/Ops_alarms-2.fifo`,
    `sns://cn-north-1/${A}/${'t'.repeat(256)}`,
    `sqs://eu-west-1/${A}/alarm-queue`,
    `sqs:///${A}/alarms.fifo`,
    `sqs://ap-southeast-3/${A}/${'q'.repeat(75)}.fifo`,
    `events://eu-west-1/${A}/default`,
    `events:///${A}/ops.bus-1_x?detail-type=Alarm+fired&source=com.example.monitoring`,
    `events://eusc-de-east-1/${A}/${'b'.repeat(256)}?source=aodh`,
    `lambda://eu-west-1/${A}/on-alarm`,
    `lambda:///${A}/on_alarm:live`,
    `lambda://us-isob-east-1/${A}/${'f'.repeat(64)}:$LATEST`,
    `lambda://eu-west-1/${A}/on-alarm:12`,
  ])('accepts %s', (action) => {
    expect(() => validate(action)).not.toThrow();
  });

  const form = (scheme: string, name: string) => `expected ${scheme}://<region>/<account-id>/<${name}>`;
  it.each([
    // Common to all four schemes (shown once each on a different scheme).
    [`sns://EU-WEST-1/${A}/alarms`, `region "EU-WEST-1" is not an AWS region name such as eu-west-1 (leave it empty for the function's own region)`],
    [`sqs://eu-west/${A}/q`, `region "eu-west" is not an AWS region name such as eu-west-1 (leave it empty for the function's own region)`],
    [`events://[::1]/${A}/default`, `region "[::1]" is not an AWS region name such as eu-west-1 (leave it empty for the function's own region)`],
    [`sns://eu-west-1/12345/alarms`, 'account id "12345" must be 12 digits'],
    [`lambda://eu-west-1/12345678901a/fn`, 'account id "12345678901a" must be 12 digits'],
    [`sqs://eu-west-1/${A}`, form('sqs', 'queue-name')],
    [`sns://eu-west-1/${A}/alarms/extra`, form('sns', 'topic-name')],
    [`events://eu-west-1/${A}/aws.partner/example.com/1/bus`, form('events', 'event-bus-name')],
    [`sns:/${A}/alarms`, form('sns', 'topic-name')],
    [`lambda:${A}/fn`, 'expected lambda://<region>/<account-id>/<function-name>[:<qualifier>]'],
    [`sqs://eu-west-1:443/${A}/q`, 'a port is not allowed'],
    [`sns://alice@eu-west-1/${A}/alarms`, 'user name and password are not allowed'],
    [`sns://eu-west-1/${A}/alarms?Subject=x`, 'query parameters are not allowed'],
    [`lambda://eu-west-1/${A}/fn#x`, 'a fragment is not allowed'],
    [`events://eu-west-1/${A}/default#x`, 'a fragment is not allowed'],
    // Names, per service.
    [`sns://eu-west-1/${A}/`, 'topic name "" must be 1-256 letters, digits, hyphens or underscores, optionally ending in .fifo'],
    [`sns://eu-west-1/${A}/al.arms`, 'topic name "al.arms" must be 1-256 letters, digits, hyphens or underscores, optionally ending in .fifo'],
    [`sns://eu-west-1/${A}/${'t'.repeat(257)}`, `topic name "${'t'.repeat(257)}" must be 1-256 letters, digits, hyphens or underscores, optionally ending in .fifo`],
    [`sqs://eu-west-1/${A}/${'q'.repeat(76)}.fifo`, `queue name "${'q'.repeat(76)}.fifo" must be 1-80 letters, digits, hyphens or underscores, optionally ending in .fifo`],
    [`sqs://eu-west-1/${A}/my%20queue`, 'queue name "my%20queue" must be 1-80 letters, digits, hyphens or underscores, optionally ending in .fifo'],
    [`events://eu-west-1/${A}/bad!bus`, 'event bus name "bad!bus" must be 1-256 letters, digits, dots, hyphens or underscores'],
    [`events://eu-west-1/${A}/default?detail_type=x`, 'unknown query parameter "detail_type" (allowed: detail-type, source)'],
    [`events://eu-west-1/${A}/default?source=a&source=b`, 'query parameter "source" is given more than once'],
    [`events://eu-west-1/${A}/default?detail-type=`, 'detail-type must be 1-128 characters'],
    [`events://eu-west-1/${A}/default?detail-type=${'d'.repeat(129)}`, 'detail-type must be 1-128 characters'],
    [`events://eu-west-1/${A}/default?source=aws.ec2`, 'source "aws.ec2" must be 1-256 characters and must not start with "aws."'],
    [`events://eu-west-1/${A}/default?source`, 'source "" must be 1-256 characters and must not start with "aws."'],
    [`lambda://eu-west-1/${A}/${'f'.repeat(65)}`, `function name "${'f'.repeat(65)}" must be 1-64 letters, digits, hyphens or underscores`],
    [`lambda://eu-west-1/${A}/fn.js`, 'function name "fn.js" must be 1-64 letters, digits, hyphens or underscores'],
    [`lambda://eu-west-1/${A}/fn:`, 'qualifier "" must be $LATEST, a version number or an alias name (1-128 letters, digits, hyphens or underscores)'],
    [`lambda://eu-west-1/${A}/fn:a:b`, 'qualifier "a:b" must be $LATEST, a version number or an alias name (1-128 letters, digits, hyphens or underscores)'],
    [`lambda://eu-west-1/${A}/fn:$PREVIOUS`, 'qualifier "$PREVIOUS" must be $LATEST, a version number or an alias name (1-128 letters, digits, hyphens or underscores)'],
  ])('refuses %s', (action, problem) => expectRefused(action, problem));

  it('masks a password instead of echoing it', () => {
    expectThrows(() => validate(`sqs://user:hunter2@eu-west-1/${A}/q`), InvalidInputError, `Invalid action sqs://user:***@eu-west-1/${A}/q: user name and password are not allowed`);
  });
});

describe('awsNotifiers in the API action check', () => {
  const options = { notifiers: awsNotifiers, maxActions: 0, callerIsAdmin: false };

  it('offers sns, sqs, events and lambda, none admin-only', () => {
    expect(Object.keys(awsNotifiers).sort()).toEqual(['events', 'lambda', 'sns', 'sqs']);
    expect(Object.values(awsNotifiers).map((plugin) => plugin.adminOnly)).toEqual([false, false, false, false]);
  });

  it("lets a non-admin create AWS actions and runs each scheme's own check", () => {
    const actions = [`sns://eu-west-1/${A}/alarms`, `sqs:///${A}/q`, `events://eu-west-1/${A}/default`, `lambda://eu-west-1/${A}/fn:live`];
    expect(checkActionList('alarm_actions', actions, options)).toEqual(actions);
    expectThrows(() => checkActionList('ok_actions', [`sns://eu-west-1/${A}/a`, `lambda://eu-west-1/${A}/fn:`], options), InvalidInputError,
      `Invalid action lambda://eu-west-1/${A}/fn:: qualifier "" must be $LATEST, a version number or an alias name (1-128 letters, digits, hyphens or underscores)`);
  });
});
