import { Annotations, CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { envName } from '../../shared/settings/environment.js';
import { deployEnvironment } from '../function-environment.js';
import type { DeploySettings } from '../settings.js';
import { AodhFunction } from './aodh-function.js';
import { KeystoneAuthorizer } from './keystone-authorizer.js';
import type { AlarmTableSet } from './alarm-tables.js';

export interface AlarmApiProps {
  tables: AlarmTableSet;
  settings: DeploySettings;
  /** Stage-wide default; protects the tables and the account's Lambda concurrency from floods. */
  throttle?: ThrottleSettings;
}

const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 100, burstLimit: 200 };

/**
 * The Aodh REST API: one Lambda (it routes internally) behind an HTTP API.
 *
 * CORS is answered by the function, not by API Gateway: API-level CORS would intercept
 * preflights with its own rules, diverging from what the function (and the local runner)
 * answer. So OPTIONS is routed to the function, without the authorizer, because browsers
 * never send credentials on a preflight.
 */
export class AlarmApi extends Construct {
  readonly function: AodhFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: AlarmApiProps) {
    super(scope, id);
    const { settings, tables } = props;

    this.function = new AodhFunction(this, 'Handler', {
      entry: 'functions/api/handler.ts',
      serviceName: 'aodh-api',
      description: 'Aodh REST API (v2)',
      logRetention: settings.logRetentionDays,
      environment: deployEnvironment('api', settings),
    });
    // Exactly the access schema.ts declares for the API on each table.
    this.function.bindTables('api', tables, { evaluationResultsMetrics: settings.enableEvaluationResultsMetrics });
    if (settings.enableEvaluationResultsMetrics) this.function.fn.addEnvironment(envName('enableEvaluationResultsMetrics'), 'true');

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `aodh-${settings.stage}`,
      description: 'OpenStack Aodh compatible alarming API',
      // Created below, because the default stage offers no throttling options.
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      // Who called what, with status and latency, also for requests the function never sees
      // (authorizer rejections, throttling). HTTP APIs need no account-level logging role.
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: settings.logRetentionDays, removalPolicy: RemovalPolicy.DESTROY }),
        ),
      },
    });

    // Payload format 2.0 is the integration default; the handler parses v2 events.
    const integration = new HttpLambdaIntegration('Lambda', this.function.fn);
    const authorizer = this.authorizer(settings);
    for (const path of ['/', '/{proxy+}']) {
      const routes = this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer });
      if (authorizer instanceof HttpNoneAuthorizer) {
        // Only reachable through the warnings in authorizer(): noauth is an explicit opt-in
        // (readDeploySettings refuses it otherwise), unconfigured JWT a warned dev default.
        const reason =
          `authMode is ${settings.authMode} without a JWT authorizer, warned about at synth ` +
          '(aodh:noauth / aodh:jwt-unconfigured); noauth must be opted into with allowNoauth';
        for (const route of routes) acknowledgeNoAuthorizer(route, reason);
      }
      const preflight = this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.OPTIONS],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      for (const route of preflight) {
        acknowledgeNoAuthorizer(
          route,
          'CORS preflight (OPTIONS): browsers never send credentials on it, so it cannot be authorized; the function answers it without data',
        );
      }
    }

    new CfnOutput(this, 'Url', { value: this.stage.url, description: 'Base URL of the Aodh API' });
  }

  /** The authorizer for non-preflight routes; noauth and unconfigured JWT are loud but allowed. */
  private authorizer(settings: DeploySettings): IHttpRouteAuthorizer {
    if (settings.authMode === 'noauth') {
      // readDeploySettings already refused noauth unless allowNoauth was given.
      Annotations.of(this).addWarningV2(
        'aodh:noauth',
        'authMode is noauth: the API trusts X-User-Id/X-Project-Id/X-Roles headers from any caller. ' +
          'Never expose this stage to untrusted networks.',
      );
      return new HttpNoneAuthorizer();
    }
    if (settings.authMode === 'keystone') return new KeystoneAuthorizer(this, 'KeystoneAuthorizer', settings).authorizer;
    if (!settings.jwt) {
      Annotations.of(this).addWarningV2(
        'aodh:jwt-unconfigured',
        'authMode is jwt but jwtIssuer/jwtAudience are not set: no JWT authorizer is attached, ' +
          'so requests reach the function without verified claims. Set -c jwtIssuer=... -c jwtAudience=...',
      );
      return new HttpNoneAuthorizer();
    }
    return new HttpJwtAuthorizer('Jwt', settings.jwt.issuer, { jwtAudience: settings.jwt.audience, identitySource: [`$request.header.${settings.jwt.tokenHeader}`] });
  }
}

function acknowledgeNoAuthorizer(route: IConstruct, reason: string): void {
  Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason });
}
