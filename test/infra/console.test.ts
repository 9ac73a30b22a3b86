import { runInNewContext } from 'node:vm';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS_FUNCTION } from '../../infra/constructs/console-paths.js';
import { synthAodh } from './synth.js';
import { resources, type Json } from './templates.js';

/** CloudFront's managed policies (fixed ids, documented by AWS). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface Behavior { PathPattern?: string; TargetOriginId: string; CachePolicyId: string; OriginRequestPolicyId?: string; AllowedMethods?: string[]; FunctionAssociations?: Json[] }
interface DistributionConfig { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[]; Origins: { Id: string; S3OriginConfig?: Json; CustomOriginConfig?: Json; OriginAccessControlId?: unknown }[] }

describe('Console (S3 + CloudFront)', () => {
  let service: Template;
  let config: DistributionConfig;

  beforeAll(() => {
    service = Template.fromStack(synthAodh().service);
    const [distribution] = resources(service, 'AWS::CloudFront::Distribution');
    config = distribution?.Properties.DistributionConfig as DistributionConfig;
  });

  it('keeps the bucket private: all public access blocked, SSL enforced, S3-managed encryption', () => {
    service.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    service.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Only CloudFront, and only this distribution (OAC's SourceArn condition), may read.
          Match.objectLike({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      }),
    });
  });

  it('reads the bucket through Origin Access Control, not a legacy identity', () => {
    service.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    service.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const s3 = config.Origins.find((origin) => origin.S3OriginConfig);
    expect(s3?.OriginAccessControlId).toBeDefined();
  });

  it('has two behaviours: the console from S3 by default, /v2/* to the HTTP API uncached with every viewer header but Host', () => {
    expect(config.CacheBehaviors.map((behavior) => behavior.PathPattern)).toEqual(['/v2/*']);
    const [api] = config.CacheBehaviors;
    expect(api?.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api?.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST);
    expect(api?.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
    const apiOrigin = config.Origins.find((origin) => origin.Id === api?.TargetOriginId);
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(apiOrigin)).toContain('execute-api');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
    expect(config.Origins.find((origin) => origin.Id === config.DefaultCacheBehavior.TargetOriginId)?.S3OriginConfig).toBeDefined();
  });

  it('deploys hashed assets immutable and index.html no-cache, index.html after the assets', () => {
    const deployments = resources(service, 'Custom::CDKBucketDeployment');
    const cacheControl = deployments.map((d) => (d.Properties.SystemMetadata as Json)['cache-control']).sort();
    expect(cacheControl).toEqual(['no-cache', 'public, max-age=31536000, immutable']);
    for (const deployment of deployments) expect(deployment.Properties).toMatchObject({ DestinationBucketKeyPrefix: 'console/', Prune: false });
    const index = Object.values(service.findResources('Custom::CDKBucketDeployment')).find((d) => JSON.stringify(d).includes('no-cache'));
    expect(JSON.stringify(index?.DependsOn)).toMatch(/ConsoleAssets/);
  });

  it('outputs the console URL, and deploys nothing of it with deployConsole=false', () => {
    expect(Object.keys(service.findOutputs('*'))).toContainEqual(expect.stringMatching(/^ConsoleUrl/));
    const without = Template.fromStack(synthAodh({ deployConsole: 'false' }).service);
    without.resourceCountIs('AWS::CloudFront::Distribution', 0);
    without.resourceCountIs('AWS::S3::Bucket', 0);
  });
});

describe('the console paths function (run as CloudFront would)', () => {
  type Result = { uri?: string; statusCode?: number; headers?: { location: { value: string } } };
  const handle = (uri: string): Result =>
    runInNewContext(`${CONSOLE_PATHS_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)} } })`) as Result;

  it.each(['/console/', '/console/alarms/abc', '/console/alarms/abc/edit', '/console/alarms/new'])('serves index.html for the page %s', (uri) => {
    expect(handle(uri).uri).toBe('/console/index.html');
  });

  it.each(['/console/main-ABC123.js', '/console/index.html'])('passes the asset %s through', (uri) => {
    expect(handle(uri).uri).toBe(uri);
  });

  it.each(['/', '/console'])('redirects %s to /console/', (uri) => {
    expect(handle(uri)).toMatchObject({ statusCode: 302, headers: { location: { value: '/console/' } } });
  });
});
