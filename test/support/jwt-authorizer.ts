import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { GatewayClaims, RouteAuthorizer } from '../../infra/local/api-server.js';

/**
 * A test double of API Gateway's JWT authorizer for the local API front: tests put it in
 * front of the real handler to exercise JWT mode end to end (`npm start` runs without one).
 */
export type JwtAuthorizer = RouteAuthorizer;

export interface JwtAuthorizerOptions {
  /** Must equal the token's `iss` exactly, as API Gateway compares it. */
  issuer: string;
  /** The token's `aud` (or, when it has none, `client_id`) must match one entry. */
  audience: string[];
  /** Defaults to `<issuer>/.well-known/jwks.json`, where Cognito and most IdPs publish their keys. */
  jwksUrl?: string;
  /**
   * API Gateway verifies RSA signatures only; accepting ES256 here would let a local run
   * pass a token that AWS refuses, so the default is the RSA family.
   */
  algorithms?: string[];
  /** Seconds of clock skew allowed on exp/nbf/iat; kept small, as the gateway's own is. */
  clockToleranceSeconds?: number;
}

const UNAUTHORIZED = { status: 401, message: 'Unauthorized' } as const;

/**
 * API Gateway (HTTP API) passes claims as strings: numbers and booleans stringified,
 * arrays as Go's "[a b]" and objects as "map[k:v]". The function must cope with
 * exactly that, so the local gateway produces the same.
 */
export function formatGatewayClaim(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatGatewayClaim).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `map[${entries.map(([key, item]) => `${key}:${formatGatewayClaim(item)}`).join(' ')}]`;
  }
  return String(value);
}

function gatewayClaims(payload: JWTPayload): GatewayClaims {
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, formatGatewayClaim(value)]));
}

/** The identity source may carry the bare token or `Bearer <token>`; API Gateway accepts both. */
function tokenFrom(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const token = /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '') : value;
  return token.split('.').length === 3 ? token : undefined;
}

/**
 * What API Gateway's JWT authorizer does before the API function runs: find the token,
 * check kid, algorithm and signature against the issuer's JWKS, then iss, aud/client_id,
 * exp, nbf and iat. Every refusal is the gateway's bare 401; the function never sees it.
 */
export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl ?? `${options.issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
  const algorithms = options.algorithms ?? ['RS256', 'RS384', 'RS512'];
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  return async (authorizationHeader) => {
    const token = tokenFrom(authorizationHeader);
    if (!token) return UNAUTHORIZED;
    try {
      // The gateway picks the key by kid and refuses tokens without one.
      if (!decodeProtectedHeader(token).kid) return UNAUTHORIZED;
      // client_id stands in for aud only when aud is absent (Cognito access tokens).
      const unverified = decodeJwt(token);
      const useClientId = unverified.aud === undefined;
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        ...(useClientId ? {} : { audience: options.audience }),
        algorithms,
        clockTolerance,
        requiredClaims: ['exp'],
      });
      if (useClientId && !(typeof payload.client_id === 'string' && options.audience.includes(payload.client_id))) return UNAUTHORIZED;
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + clockTolerance) return UNAUTHORIZED;
      // Route authorization scopes are not configured on this API, for which the gateway sends null.
      return { claims: gatewayClaims(payload), scopes: null };
    } catch (error) {
      // Any JOSE failure (bad signature, expiry, unknown kid, malformed token) is a 401; anything else
      // (an unreachable JWKS, a bug here) must surface as a server error, not pass for a bad token.
      if (error instanceof errors.JOSEError) return UNAUTHORIZED;
      throw error;
    }
  };
}
