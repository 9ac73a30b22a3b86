import { Duration } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { deployEnvironment } from '../function-environment.js';
import type { DeploySettings } from '../settings.js';
import { AodhFunction } from './aodh-function.js';

/**
 * authMode=keystone: a Lambda REQUEST authorizer (functions/authorize) that validates
 * X-Auth-Token with Keystone. API Gateway caches its answer per token for
 * `keystoneTokenCacheTtl` seconds, so Keystone sees about one validation per token and TTL.
 * The function may read the service password's secret and nothing else.
 */
export class KeystoneAuthorizer extends Construct {
  readonly function: AodhFunction;
  readonly authorizer: HttpLambdaAuthorizer;

  constructor(scope: Construct, id: string, settings: DeploySettings) {
    super(scope, id);
    this.function = new AodhFunction(this, 'Handler', {
      entry: 'functions/authorize/handler.ts',
      serviceName: 'aodh-authorize',
      description: 'Aodh Keystone token authorizer',
      logRetention: settings.logRetentionDays,
      environment: deployEnvironment('authorizer', settings),
      memorySize: 256,
    });
    const secretArn = settings.keystoneServicePasswordSecret;
    // readKeystoneDeploySettings refuses keystone mode without it; checked again so IAM never gets a blank resource.
    if (!secretArn) throw new Error('authMode keystone needs keystoneServicePasswordSecret');
    // GetSecretValue alone (no DescribeSecret, no wildcard): the one call the adapter makes.
    Grant.addToPrincipal({ grantee: this.function.fn, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secretArn] });
    this.authorizer = new HttpLambdaAuthorizer('Keystone', this.function.fn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.X-Auth-Token'],
      resultsCacheTtl: Duration.seconds(settings.keystoneTokenCacheTtl),
    });
  }
}
