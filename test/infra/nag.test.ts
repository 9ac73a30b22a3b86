import { type App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import type { AodhStacks } from '../../infra/aodh-app.js';
import { synthAodh } from './synth.js';

/**
 * cdk-nag v3 is a policy-validation plugin, not an aspect: findings are not annotations but a
 * validation report, and any unacknowledged error or warning makes app.synth() throw
 * ValidationFailed listing them. So "no unsuppressed findings" is "synth does not throw".
 */
function synthAll(stacks: AodhStacks): void {
  (stacks.service.node.root as App).synth();
}

/** Every acknowledgment in the tree, as rule id → reason (the metadata Validations.acknowledge writes). */
function acknowledgments(stacks: AodhStacks): Map<string, string> {
  const found = new Map<string, string>();
  for (const stack of [stacks.stateful, stacks.service]) {
    for (const construct of stack.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          found.set(`${construct.node.path} ${id.replace(/^Annotation::/i, '')}`, reason);
        }
      }
    }
  }
  return found;
}

/** CDK's BucketDeployment handler (the console's), one per stack. */
const DEPLOYER = 'Aodh-dev-Service/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';

const CONFIGURATIONS: [string, Record<string, unknown>][] = [
  ['the defaults (JWT not configured)', {}],
  ['a JWT authorizer', { jwtIssuer: 'https://idp.example/realms/aodh', jwtAudience: 'aodh' }],
  ['noauth, opted in', { authMode: 'noauth', allowNoauth: 'true' }],
  ['no console', { deployConsole: 'false' }],
  ['a Keystone authorizer', { authMode: 'keystone', keystoneUrl: 'https://keystone.example:5000/v3', keystoneServicePasswordSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:aodh-keystone-AbCdEf' }],
  [
    'wildcard notifier targets, counters and a sub-minute interval',
    {
      notifierTargets: JSON.stringify(['arn:aws:sns:eu-west-1:123456789012:alarms-*', 'arn:aws:lambda:eu-west-1:123456789012:function:on-alarm:*']),
      enableEvaluationResultsMetrics: 'true',
      evaluationInterval: '10',
    },
  ],
];

describe('cdk-nag AwsSolutions checks', () => {
  it.each(CONFIGURATIONS)('leave no unacknowledged error or warning with %s', (_, context) => {
    expect(() => synthAll(synthAodh(context))).not.toThrow();
  });

  it.each(['stateful', 'service'] as const)('run on the %s stack: a finding nobody acknowledged fails synth with its rule id', (which) => {
    const stacks = synthAodh();
    // No DLQ and no SSL enforcement: AwsSolutions-SQS3 and -SQS4.
    new Queue(stacks[which], 'Unreviewed');
    expect(() => synthAll(stacks)).toThrow(/AwsSolutions-SQS3[\s\S]*\/Unreviewed\/Resource/);
  });

  it('acknowledges only these findings, each on its own resource, each with a reason', () => {
    const stacks = synthAodh({ notifierTargets: JSON.stringify(['arn:aws:sns:eu-west-1:123456789012:alarms-*']) });
    synthAll(stacks);
    const found = acknowledgments(stacks);
    for (const reason of found.values()) expect(reason.length).toBeGreaterThan(40);
    const ids = [...found.keys()].map((key) => key.replace(/ExportsOutput\w+/, '<table>')).sort();
    expect(ids).toEqual([
      'Aodh-dev-Service/Api/Handler/Function AwsSolutions-L1',
      'Aodh-dev-Service/Api/Handler/Role/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::Aodh-dev-Stateful:<table>/index/*]',
      'Aodh-dev-Service/Api/Handler/Role/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::Aodh-dev-Stateful:<table>/index/*]',
      'Aodh-dev-Service/Api/HttpApi/ANY-- AwsSolutions-APIG4',
      'Aodh-dev-Service/Api/HttpApi/ANY--{proxy+} AwsSolutions-APIG4',
      'Aodh-dev-Service/Api/HttpApi/OPTIONS-- AwsSolutions-APIG4',
      'Aodh-dev-Service/Api/HttpApi/OPTIONS--{proxy+} AwsSolutions-APIG4',
      'Aodh-dev-Service/Console/Bucket AwsSolutions-S1',
      'Aodh-dev-Service/Console/Distribution AwsSolutions-CFR1',
      'Aodh-dev-Service/Console/Distribution AwsSolutions-CFR2',
      'Aodh-dev-Service/Console/Distribution AwsSolutions-CFR3',
      'Aodh-dev-Service/Console/Distribution AwsSolutions-CFR4',
      `${DEPLOYER} AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
      `${DEPLOYER} AwsSolutions-L1`,
      ...['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Resource::*']
        .concat(['Resource::<ConsoleBucket86B6957C.Arn>/*', 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-123456789012-eu-west-1/*'])
        .map((id) => `${DEPLOYER}/ServiceRole/DefaultPolicy/Resource AwsSolutions-IAM5[${id}]`),
      'Aodh-dev-Service/Evaluator/Handler/Function AwsSolutions-L1',
      'Aodh-dev-Service/Evaluator/Handler/Role/DefaultPolicy AwsSolutions-IAM5[Resource::*]',
      'Aodh-dev-Service/Evaluator/Handler/Role/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::Aodh-dev-Stateful:<table>/index/*]',
      'Aodh-dev-Service/Listener/DeadLetter AwsSolutions-SQS3',
      'Aodh-dev-Service/Listener/Handler/Function AwsSolutions-L1',
      'Aodh-dev-Service/Notifier/Handler/Function AwsSolutions-L1',
      'Aodh-dev-Service/Notifier/Handler/Role/DefaultPolicy AwsSolutions-IAM5[Resource::arn:aws:sns:eu-west-1:123456789012:alarms-*]',
    ]);
  });

  it('acknowledges the API routes only where no authorizer is attached: with JWT only the preflights', () => {
    const stacks = synthAodh({ jwtIssuer: 'https://idp.example/realms/aodh', jwtAudience: 'aodh' });
    synthAll(stacks);
    const routes = [...acknowledgments(stacks).keys()].filter((key) => key.endsWith('AwsSolutions-APIG4'));
    expect(routes.map((key) => key.split(/[/ ]/)[3])).toEqual(['OPTIONS--', 'OPTIONS--{proxy+}']);
  });
});
