import type { Identity } from '../domain/identity.js';

/**
 * Maps a request's credentials to an Identity. `noauth` trusts the Keystone-style
 * headers; the AWS deployment maps an API Gateway authorizer's claims instead.
 * Returns undefined when the request carries no usable identity.
 */
export interface IdentityResolver {
  resolve(request: { headers: Readonly<Record<string, string | undefined>>; claims?: Readonly<Record<string, unknown>> }): Identity | undefined;
}
