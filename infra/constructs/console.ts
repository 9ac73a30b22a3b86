import { resolve } from 'node:path';
import { CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildConsoleSync } from '../../console/build.js';
import { acknowledgeHandlerWildcards } from '../nag.js';
import { CONSOLE_PATHS_FUNCTION } from './console-paths.js';

export interface ConsoleProps {
  /** Routed as /v2/* on the same distribution: the console stays same-origin with the API, so no CORS. */
  httpApi: HttpApi;
}

/**
 * Built beside npm start's .local/console, not into it: a running `npm start` serves that directory, and each build
 * removes the bundles its index.html does not name.
 */
const DEPLOY_BUILD = resolve(import.meta.dirname, '../../.local/console-deploy');
const IMMUTABLE = CacheControl.fromString('public, max-age=31536000, immutable');

/**
 * The browser console in AWS: static files in a private bucket, read by CloudFront through Origin Access Control,
 * so there is no server to run and the files are cached at the edge. The same distribution forwards /v2/* to the
 * HTTP API uncached, so the console calls its own origin as it does under `npm start`.
 */
export class Console extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    // Only build output lives here, rebuilt from source on each deploy: deleting it with the stack loses nothing.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const paths = new EdgeFunction(this, 'Paths', {
      code: FunctionCode.fromInline(CONSOLE_PATHS_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Console history paths to index.html; / to /console/',
    });
    const stack = Stack.of(this);
    const api = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Aodh console (S3) and API (/v2/*)',
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Honours the objects' Cache-Control (set by the deployments below).
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: paths, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v2/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer depends on the caller's identity: never cached, every header but Host (API Gateway
          // routes on its own host name) reaches the API, including Authorization and X-Auth-Token.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    this.deploy();
    this.acknowledge();
    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}/console/`, description: 'The Aodh console' });
  }

  /**
   * Two deployments, for two lifetimes: the script's name is its content hash, so it is cached for a year; index.html
   * names the current script, so it is revalidated on every load. Old scripts stay (prune off), for pages still open.
   * index.html goes last, so it never names a script that is not there yet.
   */
  private deploy(): void {
    const source = Source.asset(buildConsoleSync(DEPLOY_BUILD));
    const destination = { destinationBucket: this.bucket, destinationKeyPrefix: 'console/', prune: false };
    const assets = new BucketDeployment(this, 'Assets', { ...destination, sources: [source], exclude: ['index.html'], cacheControl: [IMMUTABLE] });
    const index = new BucketDeployment(this, 'Index', {
      ...destination,
      sources: [source],
      exclude: ['*'],
      include: ['index.html'],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/console/*'],
    });
    index.node.addDependency(assets);
  }

  private acknowledge(): void {
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'Holds only the built console, written by the deployment; reads come through CloudFront, whose requests are logged by the API for /v2/*' });
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({ id: 'AwsSolutions-CFR1', reason: 'No geo restriction: the console is for operators wherever they are; access is decided by the API authorizer' });
    distribution.acknowledge({ id: 'AwsSolutions-CFR2', reason: 'No WAF yet: the static files are public build output, the API keeps its own throttling and authorizer' });
    distribution.acknowledge({ id: 'AwsSolutions-CFR3', reason: 'No CloudFront access logs (they need a log bucket); the API stage logs every /v2/* request' });
    distribution.acknowledge({ id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate; a custom domain with TLSv1.2_2021 is the operator choice' });
    // The deployments' handler is CDK's singleton (one per stack), a sibling of this construct.
    const stack = Stack.of(this);
    for (const handler of stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      const deployer = Validations.of(handler);
      deployer.acknowledge({ id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler: its runtime is pinned by aws-cdk-lib, not by this app" });
      deployer.acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs only",
      });
      const policy = handler.node.tryFindChild('ServiceRole')?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
      if (policy instanceof CfnPolicy) {
        acknowledgeHandlerWildcards(policy, "CDK's grants for BucketDeployment: read the staged asset, write and delete under the console bucket, and CloudFront invalidation (no resource-level permissions)");
      }
    }
  }
}
