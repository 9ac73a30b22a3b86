import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { type KeystoneContext, keystoneContext, type TokenValidator } from '#shared/identity/keystone/gateway-context.js';
import { logger } from '#shared/observability/logger.js';

export type AuthorizerEvent = Pick<APIGatewayRequestAuthorizerEventV2, 'headers'>;
export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<KeystoneContext>;

/**
 * API Gateway's Lambda REQUEST authorizer for AUTH_MODE=keystone (simple responses, identity
 * source X-Auth-Token). Every answer lets the request through with what Keystone said, and the
 * API function refuses with Aodh's envelope (gateway-context.ts). The local front calls this same
 * function before the handler.
 */
export function createAuthorizeHandler(validator: () => Promise<TokenValidator>) {
  return async (event: AuthorizerEvent): Promise<AuthorizerResult> => {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-auth-token')?.[1];
    const context = await keystoneContext(validator, header?.trim());
    if (context.keystone === 'unavailable') logger.warn('keystone unavailable: answering 503');
    return { isAuthorized: true, context };
  };
}
